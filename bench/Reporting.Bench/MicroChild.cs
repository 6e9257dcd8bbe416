using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Workbooks;

namespace Reporting.Bench;

internal sealed record MicroResult(double AggregationRecordsPerSecond, double WorkbookMilliseconds, long WorkbookBytes);

/// <summary>
/// The parts of a report that need no storage, with BenchmarkDotNet (short job, in-process toolchain): counting
/// records into the aggregator, and laying out and writing the workbook of a year.
/// </summary>
internal static class MicroChild
{
    public static int Run(Arguments args)
    {
        var artifacts = args.Get("artifacts");
        Directory.CreateDirectory(artifacts);
        // A quick run only checks that both benchmarks run: one iteration each, no warm-up.
        var job = args.Has("quick") ? Job.Dry : Job.ShortRun;
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .AddLogger(new StreamLogger(Path.Combine(artifacts, "benchmarkdotnet.log")))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        // One at a time, the workbook first: the million entries of the aggregation would otherwise stay on the
        // heap and slow down every full collection while the workbook is written.
        double Median<T>()
        {
            var report = BenchmarkRunner.Run<T>(config).Reports.Single();
            return report.ResultStatistics?.Median
                ?? throw new InvalidOperationException($"{typeof(T).Name} gave no result; see {artifacts}/benchmarkdotnet.log.");
        }
        var workbookNs = Median<WorkbookBenchmark>();
        var perRecordNs = Median<AggregationBenchmark>();
        var result = new MicroResult(1e9 / perRecordNs, workbookNs / 1e6, WorkbookBenchmark.WrittenBytes());
        File.WriteAllText(args.Get("out"), JsonSerializer.Serialize(result));
        return 0;
    }
}

/// <summary><see cref="ReportAggregator.AddEntry"/> over a million entries in memory, as a report reads them.</summary>
public class AggregationBenchmark
{
    public const int Records = 1_000_000;

    private static readonly ReportScope Scope = new("BAR", ReportPeriod.ForYear(2025));
    private EntryFacts[] _facts = [];

    [GlobalSetup]
    public void Setup()
    {
        var generator = new RecordGenerator(1);
        _facts = [.. generator.Entries("BAR", 2025, Records).Select(RecordGenerator.ToFacts)];
    }

    [GlobalCleanup]
    public void Cleanup() => _facts = [];

    [Benchmark(OperationsPerInvoke = Records)]
    public long AddEntries()
    {
        var aggregator = new ReportAggregator(Scope, ReferenceCatalog.Current);
        foreach (ref readonly var facts in _facts.AsSpan())
        {
            aggregator.AddEntry(facts);
        }
        return aggregator.Entries;
    }
}

/// <summary><see cref="ReportLayout.Build(ReportScope, ReportAggregator, DateTimeOffset, int, bool)"/> (disclosure control included) and <see cref="XlsxWriter.Write(WorkbookSpec, Stream)"/> for a year of a programme.</summary>
public class WorkbookBenchmark
{
    private static readonly ReportScope Scope = new("BAR", ReportPeriod.ForYear(2025));
    private static readonly DateTimeOffset GeneratedAt = new(2026, 1, 1, 2, 40, 0, TimeSpan.Zero);
    private ReportAggregator _year = null!;

    [GlobalSetup]
    public void Setup() => _year = Year();

    private static ReportAggregator Year()
    {
        var aggregator = new ReportAggregator(Scope, ReferenceCatalog.Current);
        foreach (var entry in new RecordGenerator(2).Entries("BAR", 2025, 50_000))
        {
            aggregator.AddEntry(RecordGenerator.ToFacts(entry));
        }
        return aggregator;
    }

    [Benchmark]
    public long Write()
    {
        var spec = ReportLayout.Build(Scope, _year, GeneratedAt, SmallCells.DefaultThreshold);
        using var output = new MemoryStream();
        XlsxWriter.Write(spec, output, GeneratedAt);
        return output.Length;
    }

    public static long WrittenBytes()
    {
        var benchmark = new WorkbookBenchmark();
        benchmark.Setup();
        return benchmark.Write();
    }
}
