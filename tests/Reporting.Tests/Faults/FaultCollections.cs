using Reporting.Tests.Support;

namespace Reporting.Tests.Faults;

/// <summary>
/// The fault tests kill processes and time their kills, so each runs in a collection of its own, alone (after the
/// collections that run in parallel), with an Azurite of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageOutageFaults
{
    public const string Name = "Faults: storage outage";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReportCrashFaults : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Faults: report run crash";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MalformedBodyFaults : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Faults: malformed bodies";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CorrectionCrashFaults : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Faults: correction crash";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchCrashFaults : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Faults: batch crash";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunScriptFaults
{
    public const string Name = "Faults: run.sh stopped";
}
