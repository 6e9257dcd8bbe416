using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Hosting;
using Reporting.Reports;
using Reporting.Storage;

namespace Reporting.Bench;

internal sealed record ReportResult(
    int Records,
    int PartitionsRead,
    double FirstReportSeconds,
    IReadOnlyList<double> ReportSeconds,
    IReadOnlyList<double> FloorSeconds,
    IReadOnlyList<double> ReadAggregateSeconds,
    IReadOnlyList<double> Requests,
    IReadOnlyList<double> SourceRequests,
    IReadOnlyList<double> FloorRequests,
    IReadOnlyList<double> PeakManagedBytes,
    IReadOnlyList<double> PeakLiveBytes,
    long WorkbookBytes,
    long PeakWorkingSetBytes);

/// <summary>
/// One report size in a process of its own (so that one size's memory never shows in another's): the service
/// built in-process by <see cref="ReportingApp.Build"/> with its storage clients counting their requests, and
/// <see cref="ReportService.RunAsync"/> timed from the call to the report marked ready (read, aggregate, lay out,
/// write the workbook, upload, index). Beside it the floor: the same partitions read page by page with the same
/// <c>$select</c>, straight through <see cref="TableClient.QueryPagesAsync"/>.
/// </summary>
internal static class ReportChild
{
    private const int WarmUpRounds = 3;

    public static async Task<int> RunAsync(Arguments args)
    {
        var connection = args.Get("connection");
        var scope = new ReportScope(args.Get("programme"), ReportPeriod.ForYear(args.GetInt("year")));
        var expected = args.GetInt("records");
        var runs = args.GetInt("runs");

        var tableRequests = new RequestCounter();
        var blobRequests = new RequestCounter();
        await using var app = ReportingApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connection,
                ["Reports:RunScheduler"] = "false",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // The same clients as the service's, with a counting policy in their pipelines.
            var storage = StorageConnection.Parse(connection);
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(tableRequests, HttpPipelinePosition.PerRetry);
            builder.Services.AddSingleton(new TableServiceClient(storage, tableOptions));
            var blobOptions = new BlobClientOptions();
            blobOptions.AddPolicy(blobRequests, HttpPipelinePosition.PerRetry);
            builder.Services.AddSingleton(new BlobServiceClient(storage, blobOptions));
        });
        var reports = app.Services.GetRequiredService<ReportService>();
        var source = app.Services.GetRequiredService<ReportSource>();
        var reference = app.Services.GetRequiredService<ReferenceData>();
        var entries = app.Services.GetRequiredService<RecordStore<LogbookEntry>>().Table;
        var activities = app.Services.GetRequiredService<RecordStore<CollectiveActivity>>().Table;
        var months = scope.Period.Months().ToList();

        // The first report of a fresh process (JIT, tables and container created): shown apart, not in the median.
        var first = Stopwatch.StartNew();
        var warm = Check(await reports.RunAsync(scope), expected);
        var firstSeconds = first.Elapsed.TotalSeconds;

        async Task<(double Seconds, int Requests, int SourceRequests, long PeakBytes, long PeakLiveBytes)> ReportOnceAsync()
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
            return (watch.Elapsed.TotalSeconds, tableRequests.Count + blobRequests.Count, source.LastRequestCount, sampler.PeakBytes, sampler.PeakLiveBytes);
        }

        async Task<(double Seconds, int Requests)> FloorOnceAsync()
        {
            tableRequests.Reset();
            var watch = Stopwatch.StartNew();
            await FloorAsync(entries, activities, scope, months, expected);
            return (watch.Elapsed.TotalSeconds, tableRequests.Count);
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
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await ReportOnceAsync();
            await FloorOnceAsync();
            await ReadOnceAsync();
        }
        var reportRuns = new List<(double Seconds, int Requests, int SourceRequests, long PeakBytes, long PeakLiveBytes)>();
        var floorRuns = new List<(double Seconds, int Requests)>();
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

        var result = new ReportResult(expected, months.Count * 2, firstSeconds,
            [.. reportRuns.Select(r => r.Seconds)], [.. floorRuns.Select(r => r.Seconds)], readSeconds,
            [.. reportRuns.Select(r => (double)r.Requests)], [.. reportRuns.Select(r => (double)r.SourceRequests)], [.. floorRuns.Select(r => (double)r.Requests)],
            [.. reportRuns.Select(r => (double)r.PeakBytes)], [.. reportRuns.Select(r => (double)r.PeakLiveBytes)],
            warm.Size ?? 0, Process.GetCurrentProcess().PeakWorkingSet64);
        await File.WriteAllTextAsync(args.Get("out"), JsonSerializer.Serialize(result));
        return 0;
    }

    private static ReportEntry Check(ReportEntry report, int expected) =>
        report.Status == ReportStatus.Ready && report.Entries == expected
            ? report
            : throw new InvalidOperationException($"Report {report.Id}: {report.Status} with {report.Entries} entries, expected ready with {expected}. {report.Reason}");

    /// <summary>The storage floor of a report: the same partitions and fields, read page by page, nothing done with them.</summary>
    private static async Task FloorAsync(TableClient entries, TableClient activities, ReportScope scope, IReadOnlyList<DateOnly> months, int expected)
    {
        var count = 0;
        foreach (var month in months)
        {
            var filter = TableFilter.Create($"PartitionKey eq {RecordPartitions.PartitionOf(scope.Programme, month)}");
            await foreach (var page in entries.QueryPagesAsync(filter, ReportSource.EntryFields))
            {
                count += page.Entities.Count;
            }
            await foreach (var page in activities.QueryPagesAsync(filter, ReportSource.ActivityFields))
            {
                count += page.Entities.Count;
            }
        }
        if (count != expected)
        {
            throw new InvalidOperationException($"The bare read found {count} entities, expected {expected}.");
        }
    }
}
