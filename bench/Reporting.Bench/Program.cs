using Reporting.Bench;

// One benchmark command (./bench.sh): measures the service's cost beside the storage floor and writes the table
// into docs/performance.md. The parts that must run in a process of their own (a report per record count, the
// BenchmarkDotNet micro-benchmarks) are this same program started again with another first argument.
return args switch
{
    ["run", .. var rest] => await Orchestrator.RunAsync(Arguments.Parse(rest)),
    ["report", .. var rest] => await ReportChild.RunAsync(Arguments.Parse(rest)),
    ["micro", .. var rest] => MicroChild.Run(Arguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: Reporting.Bench run --repository DIR --service PATH --hello PATH --work DIR --doc FILE [--load AVERAGE] [--quick]");
    Console.Error.WriteLine("       --quick: a smoke run with little data, its table written to FILE (not docs/performance.md)");
    Console.Error.WriteLine("       (report and micro are started by run itself)");
    return 2;
}
