using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

/// <summary>The stores of one test, on the test Azurite, with tables of their own (a unique prefix).</summary>
internal sealed class Stores
{
    private Stores(AzuriteFixture azurite, string prefix, int readPageSize, TimeProvider time, HttpPipelinePolicy? readPolicy)
    {
        var options = Options.Create(new StorageOptions { TablePrefix = prefix, ReadPageSize = readPageSize });
        var tables = new TableServiceClient(azurite.ConnectionString);
        Entries = new RecordStore<LogbookEntry>(RecordMappings.Entries, tables, options, time, ReferenceCatalog.Current);
        Activities = new RecordStore<CollectiveActivity>(RecordMappings.Activities, tables, options, time, ReferenceCatalog.Current);
        // The reports read through a client of their own, so that a test can step in between their requests.
        var readerOptions = new TableClientOptions();
        if (readPolicy is not null)
        {
            readerOptions.AddPolicy(readPolicy, HttpPipelinePosition.PerCall);
        }
        var reader = new TableServiceClient(azurite.ConnectionString, readerOptions);
        Source = new ReportSource(
            new RecordStore<LogbookEntry>(RecordMappings.Entries, reader, options, time, ReferenceCatalog.Current),
            new RecordStore<CollectiveActivity>(RecordMappings.Activities, reader, options, time, ReferenceCatalog.Current),
            options);
        Audit = new AuditLog(Entries, Activities);
        Index = new ReportIndex(tables, options);
        Workbooks = new WorkbookStore(new BlobServiceClient(azurite.ConnectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion)), options);
        Rows = new StoredRows(tables, prefix);
        Prefix = prefix;
    }

    /// <summary>The prefix of this test's table names.</summary>
    public string Prefix { get; }

    public RecordStore<LogbookEntry> Entries { get; }

    public RecordStore<CollectiveActivity> Activities { get; }

    public ReportSource Source { get; }

    public AuditLog Audit { get; }

    public ReportIndex Index { get; }

    public WorkbookStore Workbooks { get; }

    public StoredRows Rows { get; }

    public static Stores Create(AzuriteFixture azurite, int readPageSize = 1000, TimeProvider? time = null, HttpPipelinePolicy? readPolicy = null) =>
        new(azurite, AzuriteFixture.UniquePrefix(), readPageSize, time ?? TimeProvider.System, readPolicy);

    public static readonly AuditNote Note = new("key:test", "REQ-1");

    /// <summary>A valid entry, read as the service reads a form's JSON.</summary>
    public static LogbookEntry Entry(JsonObject json)
    {
        var errors = new ValidationErrors();
        return Samples.Reader().ReadEntry(json.ToElement(), errors) ?? throw new InvalidOperationException(string.Join("; ", errors.ToDictionary().Select(e => e.Key)));
    }

    public static LogbookEntry Entry(string? id = null, string date = "2022-03-14") => Entry(Samples.Entry(id, date));

    /// <summary>A new id whose records live in the given partition.</summary>
    public static string IdIn(string partition)
    {
        while (true)
        {
            var id = Guid.NewGuid().ToString("D");
            if (RecordKeys.PartitionOf(id) == partition)
            {
                return id;
            }
        }
    }
}
