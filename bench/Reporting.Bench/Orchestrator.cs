using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Azure.Data.Tables;
using Reporting.Domain;

namespace Reporting.Bench;

/// <summary>
/// The whole run: micro-benchmarks first (before anything else loads the machine), then Azurite and the published service for
/// ingestion, a child process per report size, the start-up comparison, and last the table.
/// </summary>
internal static class Orchestrator
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var repository = Path.GetFullPath(args.Get("repository"));
        var service = Path.GetFullPath(args.Get("service"));
        var hello = Path.GetFullPath(args.Get("hello"));
        var work = Path.GetFullPath(args.Get("work"));
        var doc = Path.GetFullPath(args.Get("doc"));
        var plan = args.Has("quick") ? BenchPlan.Smoke : BenchPlan.Full;
        if (plan.Quick && doc == Path.Combine(repository, "docs", "performance.md"))
        {
            // A smoke run's figures mean nothing: they must not replace the published ones.
            Console.Error.WriteLine("bench: a --quick run writes its table elsewhere: give --doc a scratch copy of docs/performance.md.");
            return 2;
        }
        var logs = Path.Combine(work, "logs");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }
        Directory.CreateDirectory(logs);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        void Step(string what) => Console.WriteLine($"bench: [{clock.Elapsed:mm\\:ss}] {what}");
        if (plan.Quick)
        {
            Console.WriteLine("bench: quick smoke run: little data and few repetitions; the figures only show that every path works.");
        }
        // The load average before bench.sh published anything (its own compiling would count otherwise).
        var load = double.TryParse(args.Find("load"), NumberStyles.Float, CultureInfo.InvariantCulture, out var average) ? average : (double?)null;
        if (load > 0.5)
        {
            Console.WriteLine($"bench: the machine is busy (load average {load:F2}): other work on these cores will show in the figures.");
        }

        Step("aggregation and workbook alone (BenchmarkDotNet, in-process toolchain)");
        string[] microArguments = ["--artifacts", Path.Combine(work, "benchmarkdotnet"), .. plan.Quick ? ["--quick"] : Array.Empty<string>()];
        var micro = await ChildAsync<MicroResult>("micro", microArguments, logs, serverGc: false);

        Step("starting Azurite (in memory) and generating records");
        var azurite = await Azurite.StartAsync(repository, Path.Combine(logs, "azurite.log"));
        try
        {
            var tables = new TableServiceClient(azurite.ConnectionString);
            var year = DateTime.UtcNow.Year - 1;
            var data = Data(plan, year);

            Step($"ingestion: {data.Runs.Count} runs of {data.Runs[0].Count:N0} records through the service and straight into storage");
            IngestionResult ingestion;
            await using (var process = await ServiceProcess.StartAsync(service, azurite.ConnectionString, Path.Combine(logs, "service.log")))
            {
                ingestion = await IngestionBench.RunAsync(process.Client, tables, azurite, data);
            }

            // The service process is stopped: the reports run in their own processes, one per size, with the
            // service's garbage collector (server GC, as the Web SDK sets it for the service).
            Step($"report of {plan.SmallReport:N0} records (BAR {year - 1}), {plan.ReportRuns} runs in a fresh process");
            var small = await ReportAsync(plan, azurite, "BAR", year - 1, plan.SmallReport, logs);
            Step($"report of {plan.LargeReport:N0} records (BAR {year}), {plan.ReportRuns} runs in a fresh process");
            var large = await ReportAsync(plan, azurite, "BAR", year, plan.LargeReport, logs);

            Step($"start-up: {plan.Starts} starts each of the service and of a bare ASP.NET Core app");
            var startup = await StartupBench.RunAsync(service, hello, azurite.ConnectionString, plan.Starts);

            var results = new Results(ingestion, small, large, micro, startup);
            var table = ResultTable.Markdown(ResultTable.Rows(results));
            Console.WriteLine();
            Console.WriteLine(table);
            var machine = Machine.Describe(repository) + (load is { } l ? string.Create(CultureInfo.InvariantCulture, $"; load average {l:F2} before the run") : "");
            PerformanceDoc.Update(doc, started, machine, table, ResultTable.Details(results), clock.Elapsed, plan.Quick);
            Console.WriteLine($"bench: written to {Path.GetRelativePath(repository, doc)} ({clock.Elapsed:mm\\:ss} in all)");
            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The records: a year of BAR (the large report) and the year before (the small one), and records of the
    /// other programmes in the same year; shuffled and dealt into runs of the same mix, each in date order, as
    /// forms that sync their recent work (or an import) send them.
    /// </summary>
    private static IngestionData Data(BenchPlan plan, int year)
    {
        var generator = new RecordGenerator(2022);
        var all = new List<LogbookEntry>();
        all.AddRange(generator.Entries("BAR", year, plan.LargeReport));
        all.AddRange(generator.Entries("BAR", year - 1, plan.SmallReport));
        foreach (var (programme, records) in plan.OtherProgrammes)
        {
            all.AddRange(generator.Entries(programme, year, records));
        }
        new Random(7).Shuffle(CollectionsMarshal.AsSpan(all));
        var runs = Enumerable.Range(0, plan.IngestionRuns)
            .Select(run => (IReadOnlyList<LogbookEntry>)[.. all.Where((_, i) => i % plan.IngestionRuns == run).OrderBy(e => e.Programme, StringComparer.Ordinal).ThenBy(e => e.Date)])
            .ToList();
        // Warm-up and single posts go to GA's year before, which no measured report reads.
        var warmUp = generator.Entries("GA", year - 1, plan.WarmUpRecords);
        var singles = generator.Entries("GA", year - 1, plan.SingleWarmUp + plan.IngestionRuns * plan.SinglesPerRun);
        return new IngestionData(runs, warmUp, singles, plan.SingleWarmUp);
    }

    private static Task<ReportResult> ReportAsync(BenchPlan plan, Azurite azurite, string programme, int year, int records, string logs) =>
        ChildAsync<ReportResult>("report",
        [
            "--connection", azurite.ConnectionString, "--programme", programme,
            "--year", year.ToString(CultureInfo.InvariantCulture), "--records", records.ToString(CultureInfo.InvariantCulture),
            "--runs", plan.ReportRuns.ToString(CultureInfo.InvariantCulture), "--warm-up", plan.ReportWarmUpRounds.ToString(CultureInfo.InvariantCulture),
            .. plan.ReadPageSize is { } size ? ["--page-size", size.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ], logs, serverGc: true);

    /// <summary>This program again, in another mode, as a process of its own; its result comes back as a JSON file.</summary>
    private static async Task<T> ChildAsync<T>(string mode, string[] arguments, string logs, bool serverGc)
    {
        var output = Path.Combine(logs, $"{mode}-{Guid.NewGuid():N}.json");
        var host = Environment.ProcessPath ?? "dotnet";
        var self = typeof(Orchestrator).Assembly.Location;
        string[] prefix = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [self, mode] : [mode];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_gcServer"] = serverGc ? "1" : "0" };
        await using var child = RunningProcess.Start(host, [.. prefix, .. arguments, "--out", output], environment, Path.Combine(logs, mode + ".log"));
        var exit = await child.WaitForExitAsync(TimeSpan.FromMinutes(10));
        if (exit != 0)
        {
            throw new InvalidOperationException($"The {mode} part failed (exit code {exit}); see {Path.Combine(logs, mode + ".log")}.");
        }
        return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(output))
            ?? throw new InvalidOperationException($"The {mode} part wrote no result.");
    }
}

internal sealed record Results(IngestionResult Ingestion, ReportResult Small, ReportResult Large, MicroResult Micro, StartupResult Startup);
