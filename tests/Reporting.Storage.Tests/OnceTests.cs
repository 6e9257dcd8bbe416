namespace Reporting.Storage.Tests;

public sealed class OnceTests
{
    [Fact]
    public async Task CallersShareOneRunAndOneCallerGivingUpDoesNotStopItForTheOthers()
    {
        var runs = 0;
        var release = new TaskCompletionSource();
        var once = new Once(async ct =>
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(ct);
        });
        using var impatient = new CancellationTokenSource();

        var first = once.RunAsync(impatient.Token);
        var second = once.RunAsync();
        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await second;
        await once.RunAsync();
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AFailedRunIsRunAgainByTheNextCaller()
    {
        var runs = 0;
        var once = new Once(_ => ++runs == 1 ? throw new InvalidOperationException("unreachable") : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.RunAsync());
        await once.RunAsync();
        await once.RunAsync();

        Assert.Equal(2, runs);
    }
}
