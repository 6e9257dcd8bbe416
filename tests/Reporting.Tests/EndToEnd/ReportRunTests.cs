using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Domain.Aggregation;
using Reporting.Reports;
using Reporting.Storage;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>Report runs never overlap for one scope, and a run that died is started again.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportRunTests(AzuriteFixture azurite)
{
    private static readonly ReportScope March = new("BAR", ReportPeriod.ForMonth(2022, 3));

    private static ReportLocks Locks(TestService service) => new(service.ConnectionString, service.TablePrefix);

    [Fact]
    public async Task ARunWaitsWhileAnotherRunOfTheSameScopeHoldsTheLockAndRunsOnceItIsFree()
    {
        await using var service = await TestService.StartAsync(azurite);
        var reports = service.Services.GetRequiredService<ReportService>();
        var locks = Locks(service);

        var other = await locks.TryTakeAsync(March.Id);
        Assert.NotNull(other);
        var run = reports.RunAsync(March);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var finishedWhileHeld = run.IsCompleted;
        var indexedWhileHeld = await service.Services.GetRequiredService<ReportIndex>().GetAsync(March.Id);
        await other.ReleaseAsync();
        var afterwards = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(finishedWhileHeld);
        Assert.Null(indexedWhileHeld);
        Assert.Equal(ReportStatus.Ready, afterwards.Status);
        Assert.False(await locks.IsHeldAsync(March.Id));
    }

    [Fact]
    public async Task ARequestThatFindsAnotherRunHoldingTheLockTooLongIsTriedAgainLaterAndNotDropped()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Reports:LockPatience"] = "00:00:01" });
        Assert.Equal(System.Net.HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry(date: "2022-03-14"))).StatusCode);
        var other = await Locks(service).TryTakeAsync(March.Id);
        Assert.NotNull(other);

        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03" });
        // Longer than the run's patience: its first try gave up, and said so by throwing (the message comes back).
        await Task.Delay(TimeSpan.FromSeconds(4));
        var whileHeld = (await service.Client.GetFromJsonAsync<JsonObject>(requested.Headers.Location!.ToString()))!["status"]!.GetValue<string>();
        Assert.Contains(service.Logs.Entries, e => e.Exception?.Message.Contains("is being made by another run", StringComparison.Ordinal) == true);
        await other.ReleaseAsync();
        var made = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(200));

        Assert.Equal("queued", whileHeld);
        Assert.Equal("ready", made["status"]!.GetValue<string>());
        Assert.Equal(1, made["entries"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARunRequestedBeforeAnotherRunFinishedTheReportDoesNotMakeItAgain()
    {
        await using var service = await TestService.StartAsync(azurite);
        var reports = service.Services.GetRequiredService<ReportService>();
        var askedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = await reports.RunAsync(March);

        var second = await reports.RunAsync(March, askedAt);

        Assert.Equal(ReportStatus.Ready, second.Status);
        Assert.Equal(first.CompletedAt, second.CompletedAt);
    }

    [Fact]
    public async Task AReportLeftRunningByADeadProcessIsMadeOnTheNextRequest()
    {
        await using var service = await TestService.StartAsync(azurite);
        var now = DateTimeOffset.UtcNow;
        // What a process killed in the middle of a run leaves behind: the index says running, nobody holds the lock.
        await service.Services.GetRequiredService<ReportIndex>().SaveAsync(new ReportEntry(March, ReportStatus.Running, null, 0, 0, null, null, null, now, now, null));

        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03" });
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));

        Assert.Equal("ready", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReportsAcceptedByAProcessThatStoppedAreMadeByTheNextOneWithoutBeingAskedAgain()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = AzuriteFixture.UniquePrefix() };
        // The first process accepts requests but makes none (as an instance scaled in right after its 202s).
        var accepting = new Dictionary<string, string?>(shared) { ["LocalHost:RunQueues"] = "false" };
        await using (var before = await TestService.StartAsync(azurite, accepting))
        {
            foreach (var date in new[] { "2022-03-01", "2022-03-02", "2022-03-03", "2022-04-01", "2022-04-02" })
            {
                Assert.Equal(System.Net.HttpStatusCode.Created, (await before.PostJsonAsync("/api/entries", Samples.Entry(date: date))).StatusCode);
            }
            foreach (var period in new[] { "2022-03", "2022-04" })
            {
                var accepted = await before.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = period });
                Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
                Assert.Equal("queued", (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
            }
            await Task.Delay(500);
            Assert.Equal("queued", (await before.Client.GetFromJsonAsync<JsonObject>($"/api/reports/{March.Id}"))!["status"]!.GetValue<string>());
        }

        await using var after = await TestService.StartAsync(azurite, shared);
        var march = await ReportPolling.WaitUntilDoneAsync(after.Client, $"/api/reports/{March.Id}", TimeSpan.FromMilliseconds(100));
        var aprilReport = await ReportPolling.WaitUntilDoneAsync(after.Client, "/api/reports/BAR_2022-04_nl", TimeSpan.FromMilliseconds(100));

        Assert.Equal("ready", march["status"]!.GetValue<string>());
        Assert.Equal(3, march["entries"]!.GetValue<long>());
        Assert.Equal("ready", aprilReport["status"]!.GetValue<string>());
        Assert.Equal(2, aprilReport["entries"]!.GetValue<long>());
    }

    [Fact]
    public async Task AReportWhoseEveryTryStoppedBeforeItFinishedEndsFailedWithAReason()
    {
        await using var service = await TestService.StartAsync(azurite);
        var requests = service.Services.GetRequiredService<ReportRequests>();
        var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 5));
        var index = service.Services.GetRequiredService<ReportIndex>();
        var now = DateTimeOffset.UtcNow;
        await index.SaveAsync(new ReportEntry(scope, ReportStatus.Running, null, 0, 0, null, null, null, now, now, null));

        // What the host does with a message after its last try: it moves it to the poison queue.
        await requests.EnsureExistsAsync();
        await requests.Poison.SendMessageAsync(ReportRequests.Serialize(new ReportRequest(scope, now)));

        var failed = await ReportPolling.WaitUntilDoneAsync(service.Client, $"/api/reports/{scope.Id}", TimeSpan.FromMilliseconds(100));
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("every try stopped before it finished", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        Assert.DoesNotContain("every try", (await funder.GetStringAsync($"/api/reports/{scope.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadyReportWhoseWorkbookIsGoneIsMadeAgainWhenItIsDownloaded()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry(date: "2022-03-14"))).StatusCode);
        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03" });
        var statusUrl = requested.Headers.Location!.ToString();
        var made = await ReportPolling.WaitUntilDoneAsync(service.Client, statusUrl, TimeSpan.FromMilliseconds(100));
        Assert.Equal("ready", made["status"]!.GetValue<string>());
        // The workbook is deleted behind the service's back (by hand, a lifecycle rule, a restore without blobs).
        var container = new BlobServiceClient(service.ConnectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion))
            .GetBlobContainerClient(service.TablePrefix.ToLowerInvariant() + new StorageOptions().WorkbookContainer);
        Assert.True((await container.DeleteBlobIfExistsAsync(ReportService.BlobNameOf(March))).Value);

        // Until someone asks for the workbook, the status does not look into storage: it still says ready.
        Assert.Equal("ready", (await funder.GetFromJsonAsync<JsonObject>(statusUrl))!["status"]!.GetValue<string>());
        var missing = await funder.GetAsync(made["downloadUrl"]!.GetValue<string>());
        var problem = (await missing.Content.ReadFromJsonAsync<JsonObject>())!;
        var remade = await ReportPolling.WaitUntilDoneAsync(funder, statusUrl, TimeSpan.FromMilliseconds(100));
        var download = await funder.GetAsync(remade["downloadUrl"]!.GetValue<string>());

        Assert.Equal(System.Net.HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("being made again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(statusUrl, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ready", remade["status"]!.GetValue<string>());
        Assert.True(remade["completedAt"]!.GetValue<DateTimeOffset>() > made["completedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(made["fingerprint"]!.GetValue<string>(), remade["fingerprint"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(remade["size"]!.GetValue<long>(), (await download.Content.ReadAsByteArrayAsync()).LongLength);
    }
}
