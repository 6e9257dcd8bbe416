using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// The service process is killed (SIGKILL) again and again while field forms correct records to other months; a
/// service started afterwards makes a report that counts every record once, and storage holds each record once,
/// in the month of its last acknowledged correction (or, for a correction under way at a kill, in one of the two).
/// </summary>
[Collection(CorrectionCrashFaults.Name)]
public sealed class CorrectionCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Records = 1000;
    private const int Workers = 12;
    private const int AcknowledgedBeforeKill = 40;
    private const int Kills = 8;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Access__RequestsPerMinute"] = "100000",
    };

    private static int TargetMonth(int index) => 4 + index % 6;

    [Fact]
    public async Task AServiceKilledWhileItMovesRecordsBetweenMonthsLeavesEveryRecordCountedOnce()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var stored = new StoredRows(azurite.ConnectionString, prefix);
        var entries = Enumerable.Range(0, Records).Select(i => Samples.Entry(date: $"2022-03-{i % 28 + 1:00}")).ToList();
        var ids = entries.Select(e => e["id"]!.GetValue<string>()).ToList();
        await using (var first = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings))
        {
            foreach (var chunk in entries.Chunk(200))
            {
                var posted = await first.Client.PostAsJsonAsync("/api/entries/batch", Samples.Batch(chunk));
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
        }

        // Corrections of the records in turn, from concurrent clients, into other months; each service is killed
        // once some of its corrections were acknowledged, with others under way.
        var acknowledged = new ConcurrentDictionary<int, bool>();
        var next = -1;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var service = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
            var acknowledgedHere = 0;
            using var enough = new SemaphoreSlim(0);
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Records)
                {
                    try
                    {
                        var read = await service.Client.GetAsync($"/api/entries/{ids[i]}");
                        using var put = Samples.Put($"/api/entries/{ids[i]}", entries[i].With("date", $"2022-{TargetMonth(i):00}-10").With("place", "office"), read.Headers.ETag!.ToString());
                        using var response = await service.Client.SendAsync(put);
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        acknowledged[i] = true;
                        if (Interlocked.Increment(ref acknowledgedHere) == AcknowledgedBeforeKill)
                        {
                            enough.Release();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            Assert.True(await enough.WaitAsync(TimeSpan.FromSeconds(60)), service.Output);
            service.Kill();
            await Task.WhenAll(workers);
            Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
            output.WriteLine($"Kill {kill + 1}: {acknowledged.Count} corrections acknowledged so far, storage consistent");
        }
        // Every record handed to a worker was either acknowledged or under way when its service was killed.
        Assert.True(acknowledged.Count < Math.Min(Volatile.Read(ref next) + 1, Records), "No kill caught a correction under way.");

        // A service started afterwards: its report counts each record once.
        await using var again = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
        var requested = await again.Client.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022", ["language"] = "en" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(again.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(50));
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString() + "\n" + again.Output);
        Assert.Equal(Records, status["entries"]!.GetValue<long>());

        // Storage: each record once, with its one period row; an acknowledged correction is in its new month, the
        // others in the old month or the new one; what the API serves is what is stored.
        Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
        var rows = await stored.RecordRowsAsync(StoredRows.Entries);
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        for (var i = 0; i < Records; i++)
        {
            var month = rows[ids[i]].GetString("Date")![5..7];
            if (acknowledged.ContainsKey(i))
            {
                Assert.Equal($"{TargetMonth(i):00}", month);
                Assert.Equal("office", rows[ids[i]].GetString("Place"));
            }
            else
            {
                Assert.Contains(month, new[] { "03", $"{TargetMonth(i):00}" });
            }
            var read = await again.Client.GetFromJsonAsync<JsonObject>($"/api/entries/{ids[i]}");
            Assert.Equal(month, read!["date"]!.GetValue<string>()[5..7]);
        }
    }
}
