using System.Globalization;
using System.Text;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>One line of the table: a figure of ours beside its floor, the ratio, the budget and whether it holds.</summary>
internal sealed record Row(string Measure, string Ours, string Floor, string Ratio, string Budget, bool? Pass);

/// <summary>The table the benchmark prints and writes into docs/performance.md. Every figure is a median of runs.</summary>
internal static class ResultTable
{
    /// <summary>
    /// The requests of a funder report, without a family published yet, that are neither its reads nor its move
    /// markers: the report's lock and its family's lock, each lease taken and released; the report index read once,
    /// written three times (running, the edition's row, then ready) and queried four times (the family, the report's
    /// editions, the reports of the previous period and of the year before to compare with); what the last edition
    /// published read once (to tell whether the figures changed), and the one before it when the same figures make
    /// the current edition again; what the workbook published and the workbook itself uploaded.
    /// </summary>
    public const int FixedBookkeeping = 16;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static List<Row> Rows(Results r)
    {
        var ingestion = r.Ingestion;
        var rows = new List<Row>();

        var batch = Stats.Median(ingestion.ServicePerSecond);
        var batchFloor = Stats.Median(ingestion.FloorPerSecond);
        rows.Add(new($"Batch ingestion, records/s (POST /api/entries/batch, {IngestionBench.BatchSize} a batch, {IngestionBench.Clients} clients)", N0(batch), N0(batchFloor),
            F2(batch / batchFloor), "≥ 0.8 × floor", batch >= 0.8 * batchFloor));

        const string singleFloor = "floor: one SubmitTransactionAsync of the record's two rows";
        var p50 = Stats.Median(ingestion.PostP50Ms);
        var p50Floor = Stats.Median(ingestion.TransactionP50Ms);
        rows.Add(new($"Single POST /api/entries p50, ms ({singleFloor})", F1(p50), F1(p50Floor), F2(p50 / p50Floor), "–", null));
        var p99 = Stats.Median(ingestion.PostP99Ms);
        var p99Floor = Stats.Median(ingestion.TransactionP99Ms);
        rows.Add(new($"Single POST /api/entries p99, ms ({singleFloor})", F1(p99), F1(p99Floor), F2(p99 / p99Floor), "≤ 3 × floor", p99 <= 3 * p99Floor));

        foreach (var report in new[] { r.Small, r.Large })
        {
            var seconds = Stats.Median(report.ReportSeconds);
            var floor = Stats.Median(report.FloorSeconds);
            rows.Add(new($"Report of {report.Records:N0} records, s (RunAsync to ready; floor: bare paged read of the same ranges)", F2(seconds), F2(floor),
                F2(seconds / floor), "≤ 1.25 × floor", seconds <= 1.25 * floor));
        }
        foreach (var report in new[] { r.Small, r.Large })
        {
            var requests = Stats.Median(report.Requests);
            var floorRequests = Stats.Median(report.FloorRequests);
            var budget = RequestBudget(report);
            rows.Add(new($"Storage requests, report of {report.Records:N0} records (floor: the bare read's)", N0(requests), N0(floorRequests),
                F2(requests / floorRequests), $"≤ {budget.Text} = {budget.Bound}", requests <= budget.Bound));
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
        rows.Add(new($"Aggregation, records/s on one core (AddEntry, {AggregationBenchmark.Records:N0} in memory)", N0(aggregation), "–", "–", "≥ 2,000,000", aggregation >= 2_000_000));
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

    /// <summary>
    /// What a report may send: a page per <c>ReadPageSize</c> records, one more (partial or empty) per partition
    /// range queried, a marker read before each range and after each one that took more than one page (as the
    /// bare read found them), the fixed bookkeeping, and a lease renewal for every third of the lease the slowest
    /// run lasted.
    /// </summary>
    private static (string Text, int Bound) RequestBudget(ReportResult report)
    {
        var pages = (report.Records + report.PageSize - 1) / report.PageSize;
        var queries = report.PartitionRanges;
        var markers = report.PartitionRanges + report.FloorMultiPagePartitions;
        var renewals = (int)(report.ReportSeconds.Max() / (ReportLock.Duration.TotalSeconds / 3));
        var bookkeeping = renewals > 0 ? $"({FixedBookkeeping} + {renewals})" : N0(FixedBookkeeping);
        return ($"{pages} + {queries} + {markers} + {bookkeeping}", pages + queries + markers + FixedBookkeeping + renewals);
    }

    /// <summary>The runs behind the medians and the figures that explain them.</summary>
    public static string Details(Results r)
    {
        var i = r.Ingestion;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"- Batch ingestion, records/s per run ({i.RecordsPerRun:N0} records each, after {i.WarmUpRecords:N0} of warm-up on each path): service {List(i.ServicePerSecond, N0)}; floor {List(i.FloorPerSecond, N0)}.");
        text.AppendLine(Invariant, $"- Entity group transactions per {IngestionBench.BatchSize} records (two rows a record, at most {IngestionBench.RecordsPerTransaction} records a transaction): " +
            $"service {i.ServiceTransactionsPer500:F1} (each batch split over the {RecordKeys.Partitions} partitions of its ids, about {(double)IngestionBench.BatchSize / RecordKeys.Partitions:F0} records a partition); " +
            $"floor {i.FloorTransactionsPer500:F1} (a run's records per partition, in full transactions).");
        text.AppendLine(Invariant, $"- Single posts p50 / p99 per run ({i.SinglesPerRun:N0} each), ms: service {List(i.PostP50Ms, F1)} / {List(i.PostP99Ms, F1)}; " +
            $"one SubmitTransactionAsync of the record row and the period row {List(i.TransactionP50Ms, F1)} / {List(i.TransactionP99Ms, F1)}.");
        var pauses = i.SinglesGcPausesMs;
        if (pauses.Count > 0)
        {
            text.AppendLine(Invariant, $"- Azurite's garbage collector during the single posts ({i.SinglesSeconds:F0} s): {pauses.Count} pauses, one every {i.SinglesSeconds * 1000 / pauses.Count:F0} ms, median {Stats.Median(pauses):F1} ms, longest {pauses.Max():F1} ms.");
        }
        foreach (var report in new[] { r.Small, r.Large })
        {
            text.AppendLine(Invariant, $"- Report of {report.Records:N0} records: runs {List(report.ReportSeconds, F2)} s; bare read {List(report.FloorSeconds, F2)} s; " +
                $"ReportSource read + aggregate alone {List(report.ReadAggregateSeconds, F2)} s; first report of the process (JIT, tables, container) {report.FirstReportSeconds:F2} s. " +
                $"Requests per run {List(report.Requests, N0)}, by kind {string.Join("; or ", report.RequestsByKind.Distinct().Select(b => b.ToString()))}; " +
                $"the bare read's {List(report.FloorRequests, N0)}. {report.PartitionRanges} partition ranges read ({RecordKeys.Partitions} partitions × entries and activities) in pages of {report.PageSize:N0}, " +
                $"{report.FloorMultiPagePartitions} of them in more than one page. " +
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
