using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Storage;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// The service process is killed (SIGKILL) while field forms correct records to other months, until a kill leaves
/// a move half-done; a service started afterwards makes a report that counts every record once, and storage holds
/// one row per record, where the index says, with every acknowledged correction in it.
/// </summary>
[Collection(CorrectionCrashFaults.Name)]
public sealed class CorrectionCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Records = 1000;
    private const int Workers = 12;
    private const int AcknowledgedBeforeKill = 40;
    private const int Kills = 12;

    /// <summary>A move counts as abandoned after a second, so that the test need not wait a minute.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Storage__MoveAbandonedAfter"] = "00:00:01",
        ["Access__RequestsPerMinute"] = "100000",
    };

    private static int TargetMonth(int index) => 4 + index % 6;

    [Fact]
    public async Task AServiceKilledWhileItMovesRecordsBetweenMonthsLeavesEveryRecordCountedOnce()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var tables = new TableServiceClient(StorageConnection.Parse(azurite.ConnectionString));
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
        var halfDone = 0;
        for (var kill = 0; kill < Kills && halfDone == 0; kill++)
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
            halfDone = await CountAsync(tables.GetTableClient(prefix + "RecordMoves"));
            output.WriteLine($"Kill {kill + 1}: {acknowledged.Count} corrections acknowledged so far, {halfDone} moves left half-done");
        }
        Assert.True(halfDone > 0, $"None of {Kills} kills caught a correction half-way.");

        // A service started afterwards, once the moves count as abandoned: its report counts each record once.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var again = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
        var requested = await again.Client.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022", ["language"] = "en" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(again.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(50));
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString() + "\n" + again.Output);
        Assert.Equal(Records, status["entries"]!.GetValue<long>());

        // Storage: one row per record; an acknowledged correction is in its new month; the index agrees; no journal.
        var rows = new Dictionary<string, List<TableEntity>>();
        await foreach (var row in tables.GetTableClient(prefix + "Entries").QueryAsync())
        {
            (rows.TryGetValue(row.RowKey, out var list) ? list : rows[row.RowKey] = []).Add(row);
        }
        Assert.Equal(ids.Order(), rows.Keys.Order());
        for (var i = 0; i < Records; i++)
        {
            var row = Assert.Single(rows[ids[i]]);
            if (acknowledged.ContainsKey(i))
            {
                Assert.Equal($"BAR-2022-{TargetMonth(i):00}", row.PartitionKey);
                Assert.Equal("office", row.GetString("Place"));
            }
            else
            {
                Assert.Contains(row.PartitionKey, new[] { "BAR-2022-03", $"BAR-2022-{TargetMonth(i):00}" });
            }
            var read = await again.Client.GetFromJsonAsync<JsonObject>($"/api/entries/{ids[i]}");
            Assert.Equal(row.PartitionKey[^2..], read!["date"]!.GetValue<string>()[5..7]);
        }
        Assert.Equal(0, await CountAsync(tables.GetTableClient(prefix + "RecordMoves")));
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync())
        {
            count++;
        }
        return count;
    }
}
