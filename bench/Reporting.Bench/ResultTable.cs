using System.Globalization;
using System.Text;

namespace Reporting.Bench;

/// <summary>One line of the table: a figure of ours beside its floor, the ratio, the budget and whether it holds.</summary>
internal sealed record Row(string Measure, string Ours, string Floor, string Ratio, string Budget, bool? Pass);

/// <summary>The table the benchmark prints and writes into docs/performance.md. Every figure is a median of runs.</summary>
internal static class ResultTable
{
    /// <summary>Report requests that are neither pages nor partitions: lock, index reads and writes, the journal of moves, upload (about 8 when warm).</summary>
    public const int ConstantRequests = 10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static List<Row> Rows(Results r)
    {
        var ingestion = r.Ingestion;
        var rows = new List<Row>();

        var batch = Stats.Median(ingestion.ServicePerSecond);
        var batchFloor = Stats.Median(ingestion.FloorPerSecond);
        rows.Add(new("Batch ingestion, records/s (POST /api/entries/batch, 500 a batch, 8 clients)", N0(batch), N0(batchFloor),
            F2(batch / batchFloor), "≥ 0.8 × floor", batch >= 0.8 * batchFloor));

        var indexed = Stats.Median(ingestion.IndexedPerSecond);
        rows.Add(new("… of which the id index: the service's writes sent directly (claims + records per 500, no HTTP)", N0(indexed), N0(batchFloor),
            F2(indexed / batchFloor), "–", null));
        var least = Stats.Median(ingestion.LeastIndexPerSecond);
        rows.Add(new("… the least any id index costs: records + an entity with the id alone per record, sent directly", N0(least), N0(batchFloor),
            F2(least / batchFloor), "–", null));
        rows.Add(new("… the service beside its own writes sent directly (HTTP, JSON, validation, hashing)", N0(batch), N0(indexed),
            F2(batch / indexed), "–", null));

        var p50 = Stats.Median(ingestion.PostP50Ms);
        var p50Floor = Stats.Median(ingestion.InsertP50Ms);
        rows.Add(new("Single POST /api/entries p50, ms (floor: one AddEntityAsync)", F1(p50), F1(p50Floor), F2(p50 / p50Floor), "–", null));
        var p99 = Stats.Median(ingestion.PostP99Ms);
        var p99Floor = Stats.Median(ingestion.InsertP99Ms);
        rows.Add(new("Single POST /api/entries p99, ms (floor: one AddEntityAsync)", F1(p99), F1(p99Floor), F2(p99 / p99Floor), "≤ 3 × floor", p99 <= 3 * p99Floor));

        foreach (var report in new[] { r.Small, r.Large })
        {
            var seconds = Stats.Median(report.ReportSeconds);
            var floor = Stats.Median(report.FloorSeconds);
            rows.Add(new($"Report of {report.Records:N0} records, s (RunAsync to ready; floor: bare paged read)", F2(seconds), F2(floor),
                F2(seconds / floor), "≤ 1.25 × floor", seconds <= 1.25 * floor));
        }
        foreach (var report in new[] { r.Small, r.Large })
        {
            var requests = Stats.Median(report.Requests);
            var pages = (report.Records + 999) / 1000;
            var bound = pages + report.PartitionsRead + ConstantRequests;
            rows.Add(new($"Storage requests, report of {report.Records:N0} records (floor: the bare read's)", N0(requests), N0(Stats.Median(report.FloorRequests)),
                F2(requests / Stats.Median(report.FloorRequests)), $"≤ {pages} + {report.PartitionsRead} + {ConstantRequests} = {bound}", requests <= bound));
        }
        var smallPeak = Stats.Median(r.Small.PeakManagedBytes) / 1e6;
        var largePeak = Stats.Median(r.Large.PeakManagedBytes) / 1e6;
        rows.Add(new($"Peak managed heap incl. garbage, MB, report of {r.Large.Records:N0} (floor: of {r.Small.Records:N0})", F1(largePeak), F1(smallPeak),
            F2(largePeak / smallPeak), "≤ 1.2 × floor", largePeak <= 1.2 * smallPeak));
        var smallLive = Stats.Median(r.Small.PeakLiveBytes) / 1e6;
        var largeLive = Stats.Median(r.Large.PeakLiveBytes) / 1e6;
        rows.Add(new($"Peak heap after a collection, MB, report of {r.Large.Records:N0} (floor: of {r.Small.Records:N0})", F1(largeLive), F1(smallLive),
            F2(largeLive / smallLive), "–", null));
        var smallSet = r.Small.PeakWorkingSetBytes / 1e6;
        var largeSet = r.Large.PeakWorkingSetBytes / 1e6;
        rows.Add(new($"Peak working set of the report process, MB, {r.Large.Records:N0} (floor: {r.Small.Records:N0})", F0(largeSet), F0(smallSet),
            F2(largeSet / smallSet), "–", null));

        var aggregation = r.Micro.AggregationRecordsPerSecond;
        rows.Add(new("Aggregation, records/s on one core (AddEntry, 1,000,000 in memory)", N0(aggregation), "–", "–", "≥ 2,000,000", aggregation >= 2_000_000));
        foreach (var report in new[] { r.Small, r.Large })
        {
            var reportMs = Stats.Median(report.ReportSeconds) * 1000;
            var share = r.Micro.WorkbookMilliseconds / reportMs;
            rows.Add(new($"Workbook layout + writing, ms (floor: the report of {report.Records:N0} records)", F1(r.Micro.WorkbookMilliseconds), F1(reportMs),
                share.ToString("P1", Invariant), "< 5% of report", share < 0.05));
        }

        var start = Stats.Median(r.Startup.ServiceMs);
        var hello = Stats.Median(r.Startup.HelloMs);
        rows.Add(new("Start-up to first 200 on /api/health, ms (floor: bare ASP.NET Core app)", F0(start), F0(hello), F2(start / hello), "≤ 1.5 × floor", start <= 1.5 * hello));
        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Measure | Ours | Floor | Ratio | Budget | Result |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var result = row.Pass switch { true => "PASS", false => "**FAIL**", null => "info" };
            text.AppendLine(Invariant, $"| {row.Measure} | {row.Ours} | {row.Floor} | {row.Ratio} | {row.Budget} | {result} |");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The runs behind the medians and the figures that explain them.</summary>
    public static string Details(Results r)
    {
        var i = r.Ingestion;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"- Batch ingestion, records/s per run ({i.RecordsPerRun:N0} records each): service {List(i.ServicePerSecond, N0)}; the service's writes sent directly {List(i.IndexedPerSecond, N0)}; records + the least index {List(i.LeastIndexPerSecond, N0)}; floor {List(i.FloorPerSecond, N0)}.");
        text.AppendLine(Invariant, $"- Entity group transactions per 500 records: service {i.ServiceTransactionsPerBatch:F1} (id claims in the 16 index partitions, then the records per month partition: each record is written twice); floor {i.FloorTransactionsPer500:F1} (records only, full chunks of 100 per month partition).");
        text.AppendLine(Invariant, $"- Single posts p50 / p99 per run, ms: service {List(i.PostP50Ms, F1)} / {List(i.PostP99Ms, F1)}; AddEntityAsync {List(i.InsertP50Ms, F1)} / {List(i.InsertP99Ms, F1)}; claim + AddEntityAsync (the service's two writes, directly) {List(i.ClaimInsertP50Ms, F1)} / {List(i.ClaimInsertP99Ms, F1)}, medians {Stats.Median(i.ClaimInsertP50Ms):F1} / {Stats.Median(i.ClaimInsertP99Ms):F1}.");
        var pauses = i.SinglesGcPausesMs;
        if (pauses.Count > 0)
        {
            text.AppendLine(Invariant, $"- Azurite's garbage collector during the single posts ({i.SinglesSeconds:F0} s): {pauses.Count} pauses, one every {i.SinglesSeconds * 1000 / pauses.Count:F0} ms, median {Stats.Median(pauses):F1} ms, longest {pauses.Max():F1} ms.");
        }
        foreach (var report in new[] { r.Small, r.Large })
        {
            text.AppendLine(Invariant, $"- Report of {report.Records:N0} records: runs {List(report.ReportSeconds, F2)} s; bare read {List(report.FloorSeconds, F2)} s; " +
                $"ReportSource read + aggregate alone {List(report.ReadAggregateSeconds, F2)} s; first report of the process (JIT, tables, container) {report.FirstReportSeconds:F2} s. " +
                $"Requests {List(report.Requests, N0)}, of which ReportSource's pages and partition queries {List(report.SourceRequests, N0)}; " +
                $"{report.PartitionsRead} partitions read (12 months × entries and activities). " +
                $"Peak managed heap {List(report.PeakManagedBytes, b => F1(b / 1e6))} MB, after collections {List(report.PeakLiveBytes, b => F1(b / 1e6))} MB; " +
                $"peak working set of the process {report.PeakWorkingSetBytes / 1e6:F0} MB; workbook {report.WorkbookBytes / 1024.0:F0} KiB.");
        }
        text.AppendLine(Invariant, $"- Workbook alone (BenchmarkDotNet median): {r.Micro.WorkbookMilliseconds:F1} ms for {r.Micro.WorkbookBytes / 1024.0:F0} KiB; aggregation {1e9 / r.Micro.AggregationRecordsPerSecond:F0} ns per record.");
        text.AppendLine(Invariant, $"- Start-up runs, ms: service {List(r.Startup.ServiceMs, F0)}; bare app {List(r.Startup.HelloMs, F0)}.");
        return text.ToString().TrimEnd();
    }

    private static string List(IEnumerable<double> values, Func<double, string> format) => string.Join(", ", values.Select(format));

    private static string N0(double value) => value.ToString("N0", Invariant);

    private static string F0(double value) => value.ToString("F0", Invariant);

    private static string F1(double value) => value.ToString("F1", Invariant);

    private static string F2(double value) => value.ToString("F2", Invariant);
}
