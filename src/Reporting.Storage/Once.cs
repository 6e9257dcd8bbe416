namespace Reporting.Storage;

/// <summary>
/// Setup that runs once (creating a table or a container): callers share the first run; when it failed (storage
/// unreachable), the next caller runs it again. <see cref="ForgetAll"/> makes every setup run again, for when
/// storage lost what was set up (an emulator restarted without its data).
/// </summary>
public sealed class Once(Func<CancellationToken, Task> work)
{
    private static int _generation;
    private Task? _run;
    private int _runGeneration;

    public static void ForgetAll() => Interlocked.Increment(ref _generation);

    /// <summary>Whether a storage error says that a table or container that was set up is gone.</summary>
    public static bool IsMissingSetup(Exception exception) =>
        exception is Azure.RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "ContainerNotFound" };

    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        var run = _run;
        var generation = Volatile.Read(ref _generation);
        if (run is null || run.IsFaulted || run.IsCanceled || _runGeneration != generation)
        {
            _runGeneration = generation;
            run = _run = work(cancellationToken);
        }
        return run;
    }
}
