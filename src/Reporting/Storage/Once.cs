namespace Reporting.Storage;

/// <summary>
/// Setup that runs once (creating a table or a container): callers share the first run; when it failed (storage
/// unreachable), the next caller runs it again.
/// </summary>
public sealed class Once(Func<CancellationToken, Task> work)
{
    private Task? _run;

    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        var run = _run;
        if (run is null || run.IsFaulted || run.IsCanceled)
        {
            run = _run = work(cancellationToken);
        }
        return run;
    }
}
