namespace Reporting.Bench;

/// <summary>
/// How much the run does: the full run whose figures go into docs/performance.md, or a quick smoke run
/// (<c>--quick</c>) that goes through every path with little data in a minute or two and whose figures mean
/// nothing. The quick run also reads reports in pages of 100, so that partitions take more than one page and the
/// report's second marker read is exercised as it is with a year of records in pages of 1,000.
/// </summary>
internal sealed record BenchPlan(
    bool Quick,
    int SmallReport,
    int LargeReport,
    IReadOnlyList<(string Programme, int Records)> OtherProgrammes,
    int IngestionRuns,
    int WarmUpRecords,
    int SinglesPerRun,
    int SingleWarmUp,
    int ReportWarmUpRounds,
    int ReportRuns,
    int? ReadPageSize,
    int Starts)
{
    public static BenchPlan Full { get; } = new(
        Quick: false,
        SmallReport: 10_000,
        LargeReport: 50_000,
        OtherProgrammes: [("CHW", 25_000), ("PGBM", 20_000), ("GA", 15_000)],
        IngestionRuns: 6,
        WarmUpRecords: 10_000,
        SinglesPerRun: 1000,
        SingleWarmUp: 100,
        ReportWarmUpRounds: 3,
        ReportRuns: 7,
        ReadPageSize: null,
        Starts: 10);

    public static BenchPlan Smoke { get; } = new(
        Quick: true,
        SmallReport: 1_000,
        LargeReport: 4_000,
        OtherProgrammes: [("CHW", 1_000), ("PGBM", 800), ("GA", 600)],
        IngestionRuns: 2,
        WarmUpRecords: 1_000,
        SinglesPerRun: 100,
        SingleWarmUp: 20,
        ReportWarmUpRounds: 1,
        ReportRuns: 2,
        ReadPageSize: 100,
        Starts: 2);
}
