using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// The service process is killed (SIGKILL) again and again while forms post batches. Afterwards no id is stuck: each
/// one the forms sent is either stored whole (GET answers it, a resend is a duplicate) or not at all (GET answers
/// 404, and the form's resend, even with edited content, stores it); nothing acknowledged is lost, and storage
/// keeps its invariants after every kill.
/// </summary>
[Collection(BatchCrashFaults.Name)]
public sealed class BatchCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Forms = 4;
    private const int BatchSize = 100;
    private const int Kills = 6;

    private static readonly Dictionary<string, string> Settings = new() { ["Access__RequestsPerMinute"] = "100000" };

    private static string Id(JsonObject record) => record["id"]!.GetValue<string>();

    [Fact]
    public async Task AServiceKilledWhileItStoresBatchesLeavesEveryIdStoredWholeOrFreeAndLosesNothingAcknowledged()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var stored = new StoredRows(azurite.ConnectionString, prefix);
        var sent = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var cut = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var service = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
            using var enough = new SemaphoreSlim(0);
            var batches = 0;
            var forms = Enumerable.Range(0, Forms).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var batch = Enumerable.Range(0, BatchSize).Select(i => Samples.Entry(date: $"2022-{i % 12 + 1:00}-{i % 28 + 1:00}")).ToList();
                    foreach (var record in batch)
                    {
                        sent[Id(record)] = record;
                    }
                    try
                    {
                        using var response = await service.Client.PostAsJsonAsync("/api/entries/batch", Samples.Batch(batch));
                        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
                        Assert.All(results, r => Assert.Equal("created", r!["status"]!.GetValue<string>()));
                        foreach (var record in batch)
                        {
                            acknowledged[Id(record)] = true;
                        }
                        if (Interlocked.Increment(ref batches) == 3 + kill)
                        {
                            enough.Release();
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        Interlocked.Increment(ref cut);
                        return;
                    }
                }
            })).ToList();
            Assert.True(await enough.WaitAsync(TimeSpan.FromSeconds(60)), service.Output);
            service.Kill();
            await Task.WhenAll(forms);
            Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
            output.WriteLine($"Kill {kill + 1}: {sent.Count} sent, {acknowledged.Count} acknowledged");
        }
        Assert.True(cut > 0, "No kill cut a batch short.");

        // Afterwards every id is stored whole or free; the unacknowledged ones that are free are stored by the form's
        // resend even with edited content, the stored ones answer as duplicates.
        await using var again = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
        var live = await stored.LiveIdsAsync(StoredRows.Entries);
        Assert.Subset(live, acknowledged.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(sent.Keys.ToHashSet(StringComparer.Ordinal), live);
        var unacknowledged = sent.Keys.Where(id => !acknowledged.ContainsKey(id)).ToList();
        Assert.NotEmpty(unacknowledged);
        var partly = 0;
        foreach (var id in unacknowledged)
        {
            var read = await again.Client.GetAsync($"/api/entries/{id}");
            if (live.Contains(id))
            {
                partly++;
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await again.Client.PostAsJsonAsync("/api/entries", sent[id])).StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await again.Client.PostAsJsonAsync("/api/entries", sent[id].With("place", "office"))).StatusCode);
            }
        }
        output.WriteLine($"{unacknowledged.Count} ids sent but not acknowledged: {partly} stored before the kill, the others free");
        foreach (var id in acknowledged.Keys.Take(200))
        {
            Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync($"/api/entries/{id}")).StatusCode);
        }
        Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
    }
}
