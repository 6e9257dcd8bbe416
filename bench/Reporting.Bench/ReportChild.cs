using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Reports;
using Reporting.Storage;

namespace Reporting.Bench;

internal sealed record ReportResult(
    int Records,
    int PageSize,
    int PartitionRanges,
    double FirstReportSeconds,
    IReadOnlyList<double> ReportSeconds,
    IReadOnlyList<double> FloorSeconds,
    IReadOnlyList<double> ReadAggregateSeconds,
    IReadOnlyList<double> Requests,
    IReadOnlyList<RequestBreakdown> RequestsByKind,
    IReadOnlyList<double> FloorRequests,
    int FloorMultiPagePartitions,
    IReadOnlyList<double> PeakManagedBytes,
    IReadOnlyList<double> PeakLiveBytes,
    long WorkbookBytes,
    long PeakWorkingSetBytes);

/// <summary>
/// One report size in a process of its own (so that one size's memory never shows in another's): the service
/// built in-process by <see cref="Reporting.LocalHost.LocalHost.Build"/> with storage clients that log their requests, and
/// <see cref="ReportService.RunAsync"/> timed from the call to the report marked ready (lock, index, read,
/// aggregate, lay out, write the workbook, upload, index, release). Beside it the floor: the same period-row ranges
/// (<see cref="ReportSource.Filter"/> in each partition of both tables) read page by page with the same
/// <c>$select</c> and page size, as many partitions at a time as the report reads, the entities counted and dropped.
/// </summary>
internal static class ReportChild
{
    /// <summary>As ReportSource: the partitions of a table are read four at a time.</summary>
    private const int PartitionsInParallel = 4;

    public static async Task<int> RunAsync(Arguments args)
    {
        var connection = args.Get("connection");
        var scope = new ReportScope(args.Get("programme"), ReportPeriod.ForYear(args.GetInt("year")));
        var expected = args.GetInt("records");
        var runs = args.GetInt("runs");
        var warmUpRounds = args.GetInt("warm-up");
        var pageSize = args.FindInt("page-size");

        var tableRequests = new RequestLog();
        var blobRequests = new RequestLog();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(tableRequests, HttpPipelinePosition.PerRetry);
        var tableService = new TableServiceClient(connection, tableOptions);
        // The Blob service version the service pins (Azurite refuses the SDK's newest).
        var blobOptions = new BlobClientOptions(StorageRegistration.BlobServiceVersion);
        blobOptions.AddPolicy(blobRequests, HttpPipelinePosition.PerRetry);
        var blobService = new BlobServiceClient(connection, blobOptions);
        await using var app = Reporting.LocalHost.LocalHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connection,
                ["LocalHost:RunTimers"] = "false",
                // Above the service's appsettings.json, which would log every report made.
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (pageSize is { } size)
            {
                settings["Storage:ReadPageSize"] = size.ToString(CultureInfo.InvariantCulture);
            }
            builder.Configuration.AddInMemoryCollection(settings);
            // Registered after AddStorage's, these are the clients every store resolves: the last registration wins.
            builder.Services.AddSingleton(tableService);
            builder.Services.AddSingleton(blobService);
        });
        if (!ReferenceEquals(app.Services.GetRequiredService<TableServiceClient>(), tableService)
            || !ReferenceEquals(app.Services.GetRequiredService<BlobServiceClient>(), blobService))
        {
            throw new InvalidOperationException("The service resolves other storage clients than the benchmark's: their requests would not be counted.");
        }
        var reports = app.Services.GetRequiredService<ReportService>();
        var source = app.Services.GetRequiredService<ReportSource>();
        var reference = app.Services.GetRequiredService<ReferenceData>();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var entries = tableService.GetTableClient(storage.TablePrefix + RecordMappings.Entries.TableName);
        var activities = tableService.GetTableClient(storage.TablePrefix + RecordMappings.Activities.TableName);
        var recordTables = new HashSet<string>([entries.Name, activities.Name], StringComparer.Ordinal);
        var ranges = RecordKeys.Partitions * recordTables.Count;

        // The first report of a fresh process (JIT, tables and container created): shown apart, not in the median.
        var first = Stopwatch.StartNew();
        var warm = Check(await reports.RunAsync(scope), expected);
        var firstSeconds = first.Elapsed.TotalSeconds;

        async Task<(double Seconds, RequestBreakdown Requests, long PeakBytes, long PeakLiveBytes)> ReportOnceAsync()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            tableRequests.Reset();
            blobRequests.Reset();
            var watch = Stopwatch.StartNew();
            var sampler = MemorySampler.Start();
            try
            {
                Check(await reports.RunAsync(scope), expected);
            }
            finally
            {
                watch.Stop();
                sampler.Dispose();
            }
            var requests = RequestBreakdown.Of(tableRequests.Take(), blobRequests.Take(), recordTables);
            // The counted requests must be this report's: every partition range queried once, the locks, the index
            // (with the family's query), the uploads, and nothing else (a warm report creates no table or container).
            if (requests.PartitionQueries != ranges || requests.MarkerReads < ranges || requests.Other != 0
                || requests.LeaseAcquires < 1 || requests.LeaseReleases < 1 || requests.IndexReads < 1 || requests.IndexWrites < 2 || requests.Uploads < 1)
            {
                throw new InvalidOperationException($"The requests counted during a report are not what a report sends: {requests}.");
            }
            return (watch.Elapsed.TotalSeconds, requests, sampler.PeakBytes, sampler.PeakLiveBytes);
        }

        async Task<(double Seconds, int Requests, int MultiPagePartitions)> FloorOnceAsync()
        {
            tableRequests.Reset();
            var watch = Stopwatch.StartNew();
            var (count, multiPage) = await FloorAsync(entries, activities, scope, storage.ReadPageSize);
            var seconds = watch.Elapsed.TotalSeconds;
            if (count != expected)
            {
                throw new InvalidOperationException($"The bare read found {count} entities, expected {expected}.");
            }
            return (seconds, tableRequests.Take().Count, multiPage);
        }

        async Task<double> ReadOnceAsync()
        {
            var aggregator = new ReportAggregator(scope, reference);
            var watch = Stopwatch.StartNew();
            await source.ReadAsync(scope, aggregator);
            var seconds = watch.Elapsed.TotalSeconds;
            return aggregator.Entries == expected ? seconds : throw new InvalidOperationException($"Read {aggregator.Entries} entries, expected {expected}.");
        }

        // Warm-up rounds until the speed settles (this process's JIT tiers, Azurite's JIT), then the measured
        // rounds; the order within a round alternates so that neither the report nor its floor gains from going second.
        for (var round = 0; round < warmUpRounds; round++)
        {
            await ReportOnceAsync();
            await FloorOnceAsync();
            await ReadOnceAsync();
        }
        var reportRuns = new List<(double Seconds, RequestBreakdown Requests, long PeakBytes, long PeakLiveBytes)>();
        var floorRuns = new List<(double Seconds, int Requests, int MultiPagePartitions)>();
        var readSeconds = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            if (run % 2 == 0)
            {
                reportRuns.Add(await ReportOnceAsync());
                floorRuns.Add(await FloorOnceAsync());
                readSeconds.Add(await ReadOnceAsync());
            }
            else
            {
                floorRuns.Add(await FloorOnceAsync());
                readSeconds.Add(await ReadOnceAsync());
                reportRuns.Add(await ReportOnceAsync());
            }
        }

        var result = new ReportResult(expected, storage.ReadPageSize, ranges, firstSeconds,
            [.. reportRuns.Select(r => r.Seconds)], [.. floorRuns.Select(r => r.Seconds)], readSeconds,
            [.. reportRuns.Select(r => (double)r.Requests.Total)], [.. reportRuns.Select(r => r.Requests)], [.. floorRuns.Select(r => (double)r.Requests)],
            floorRuns.Max(r => r.MultiPagePartitions),
            [.. reportRuns.Select(r => (double)r.PeakBytes)], [.. reportRuns.Select(r => (double)r.PeakLiveBytes)],
            warm.Size ?? 0, Process.GetCurrentProcess().PeakWorkingSet64);
        await File.WriteAllTextAsync(args.Get("out"), JsonSerializer.Serialize(result));
        return 0;
    }

    private static ReportEntry Check(ReportEntry report, int expected) =>
        report.Status == ReportStatus.Ready && report.Entries == expected
            ? report
            : throw new InvalidOperationException($"Report {report.Id}: {report.Status} with {report.Entries} entries, expected ready with {expected}. {report.Reason}");

    /// <summary>
    /// The storage floor of a report: the scope's period-row range in every partition of both tables, with the
    /// same fields and page size, page by page, nothing done with the entities but counting them. Answers the
    /// entities read and the partitions that took more than one page.
    /// </summary>
    private static async Task<(int Entities, int MultiPagePartitions)> FloorAsync(TableClient entries, TableClient activities, ReportScope scope, int pageSize)
    {
        var entities = 0;
        var multiPage = 0;
        (TableClient Table, IReadOnlyList<string> Fields)[] kinds = [(entries, ReportSource.EntryFields), (activities, ReportSource.ActivityFields)];
        foreach (var (table, fields) in kinds)
        {
            await Parallel.ForEachAsync(RecordKeys.AllPartitions, new ParallelOptions { MaxDegreeOfParallelism = PartitionsInParallel }, async (partition, ct) =>
            {
                var pages = 0;
                await foreach (var page in table.QueryAsync<TableEntity>(ReportSource.Filter(scope, partition), pageSize, fields, ct).AsPages())
                {
                    pages++;
                    Interlocked.Add(ref entities, page.Values.Count);
                }
                if (pages > 1)
                {
                    Interlocked.Increment(ref multiPage);
                }
            });
        }
        return (entities, multiPage);
    }
}
