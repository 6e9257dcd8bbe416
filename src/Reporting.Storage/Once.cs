namespace Reporting.Storage;

/// <summary>
/// Setup that runs once (creating a table or a container): callers share the first run, each waiting with its own
/// cancellation token; when the run failed (storage unreachable), the next caller runs it again.
/// <see cref="ForgetAll"/> makes every setup run again, for when storage lost what was set up (an emulator
/// restarted without its data): <see cref="MissingSetupPolicy"/> calls it when storage says so.
/// </summary>
internal sealed class Once(Func<CancellationToken, Task> work)
{
    /// <summary>How long one run may take: it belongs to no caller, so no caller's token can stop it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static int _generation;
    private readonly Lock _lock = new();
    private Task? _run;
    private int _runGeneration;

    public static void ForgetAll() => Interlocked.Increment(ref _generation);

    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        Task run;
        lock (_lock)
        {
            var generation = Volatile.Read(ref _generation);
            if (_run is null || _run.IsFaulted || _run.IsCanceled || _runGeneration != generation)
            {
                _runGeneration = generation;
                _run = RunOnceAsync();
            }
            run = _run;
        }
        return run.WaitAsync(cancellationToken);
    }

    private async Task RunOnceAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        await work(limit.Token);
    }
}
