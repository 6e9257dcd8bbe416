using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.LocalHost;
using Reporting.Storage;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>
/// Functions of the tests' own, for the local host's trigger semantics: a queue function whose message says what
/// it does (<c>ok-…</c>, <c>fail-…</c>, <c>slow-…</c>), and a timer that records how it was invoked.
/// </summary>
public sealed class ProbeFunctions(Microsoft.Extensions.Options.IOptions<StorageOptions> storage)
{
    public static ConcurrentDictionary<string, int> Calls { get; } = new();

    public static ConcurrentDictionary<string, bool> TimerRuns { get; } = new();

    [Function("ProbeQueue")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A function is an instance method, activated per invocation as the worker does.")]
    public async Task Queue([QueueTrigger("%ProbeQueue%")] string message, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(message, 1, (_, n) => n + 1);
        if (message.StartsWith("slow-", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
        if (message.StartsWith("fail-", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This message always fails.");
        }
    }

    [Function("ProbeTimer")]
    public Task Timer([TimerTrigger("%ProbeSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // Keyed by the table prefix of the host it runs in: which test's it is.
        TimerRuns[storage.Value.TablePrefix] = timer.IsPastDue;
        return Task.CompletedTask;
    }
}

[Collection(AzuriteTests.Name)]
public sealed class LocalHostTests(AzuriteFixture azurite)
{
    /// <summary>The local host with only the probe functions, host.json's queue semantics made quick.</summary>
    private static Task<TestService> StartAsync(AzuriteFixture azurite, string queue, bool timers = false, string? prefix = null) =>
        TestService.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["ProbeQueue"] = queue,
            ["ProbeSchedule"] = "0 0 3 1 1 *",
            ["LocalHost:QueueLease"] = "00:00:02",
            ["LocalHost:RunTimers"] = timers ? "true" : "false",
            ["Storage:TablePrefix"] = prefix ?? AzuriteFixture.UniquePrefix(),
        }, services =>
        {
            services.AddSingleton<IReadOnlyList<LocalFunction>>(sp =>
                [.. FunctionIndex.Of(typeof(ProbeFunctions).Assembly, sp.GetRequiredService<IConfiguration>()).Where(f => f.Name.StartsWith("Probe", StringComparison.Ordinal))]);
            services.AddSingleton(new HostSettings(3, TimeSpan.Zero, TimeSpan.FromMilliseconds(200)));
        });

    private QueueClient Queue(string name) =>
        new(azurite.ConnectionString, name, new QueueClientOptions(StorageRegistration.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Not within {timeout}: {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AMessageWhoseFunctionThrowsIsTriedMaxDequeueCountTimesThenMovesToThePoisonQueue()
    {
        var name = AzuriteFixture.UniquePrefix().ToLowerInvariant() + "-probe";
        var message = "fail-" + Guid.NewGuid();
        await using var service = await StartAsync(azurite, name);
        await Queue(name).CreateIfNotExistsAsync();
        await Queue(name).SendMessageAsync(message);

        var poison = Queue(name + "-poison");
        await WaitForAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(30), "the message in the poison queue");

        Assert.Equal(3, ProbeFunctions.Calls[message]);
        Assert.Equal(message, (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        Assert.Empty((await Queue(name).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task ADoneMessageIsDeletedAndAMessageRunningLongerThanItsLeaseIsNotTakenTwice()
    {
        var name = AzuriteFixture.UniquePrefix().ToLowerInvariant() + "-probe";
        var done = "ok-" + Guid.NewGuid();
        var slow = "slow-" + Guid.NewGuid();
        await using var service = await StartAsync(azurite, name);
        await Queue(name).CreateIfNotExistsAsync();
        await Queue(name).SendMessageAsync(slow);
        await Queue(name).SendMessageAsync(done);

        await WaitForAsync(() => Task.FromResult(ProbeFunctions.Calls.ContainsKey(done)), TimeSpan.FromSeconds(20), "both messages processed");
        // Longer than a lease (2 s) after both ran: a message that was not deleted would be visible again.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, ProbeFunctions.Calls[slow]);
        Assert.Equal(1, ProbeFunctions.Calls[done]);
        Assert.Empty((await Queue(name).PeekMessagesAsync(1)).Value);
        Assert.False((await Queue(name + "-poison").ExistsAsync()).Value);
    }

    [Fact]
    public async Task ATimerWhoseRunWasMissedWhileStoppedRunsOnceAtStartMarkedPastDueAndANewOneWaits()
    {
        var missed = AzuriteFixture.UniquePrefix();
        var fresh = AzuriteFixture.UniquePrefix();
        var container = new BlobServiceClient(azurite.ConnectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion))
            .GetBlobContainerClient(TimerRunner.Container);
        await container.CreateIfNotExistsAsync();
        // The schedule monitor's record of a host that stopped before its run of 1 January 03:00.
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1);
        await container.GetBlobClient($"timers/localhost/{missed}ProbeTimer/status").UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(new { Last = yearAgo, Next = yearAgo.AddMonths(6) })), overwrite: true);

        await using (var service = await StartAsync(azurite, AzuriteFixture.UniquePrefix().ToLowerInvariant() + "-probe", timers: true, prefix: missed))
        {
            await WaitForAsync(() => Task.FromResult(ProbeFunctions.TimerRuns.ContainsKey(missed)), TimeSpan.FromSeconds(20), "the past-due run");
            Assert.True(ProbeFunctions.TimerRuns[missed]);
        }
        var status = JsonDocument.Parse((await container.GetBlobClient($"timers/localhost/{missed}ProbeTimer/status").DownloadContentAsync()).Value.Content.ToString());
        Assert.True(status.RootElement.GetProperty("Next").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        await using (var service = await StartAsync(azurite, AzuriteFixture.UniquePrefix().ToLowerInvariant() + "-probe", timers: true, prefix: fresh))
        {
            var blob = container.GetBlobClient($"timers/localhost/{fresh}ProbeTimer/status");
            await WaitForAsync(async () => (await blob.ExistsAsync()).Value, TimeSpan.FromSeconds(20), "the new timer's status");
            await Task.Delay(500);
            Assert.False(ProbeFunctions.TimerRuns.ContainsKey(fresh));
        }
    }
}
