using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// Storage dies in the middle of an ingestion: Azurite, keeping its data on disk, is killed hard while eight forms
/// post their records, and started again on the same folder a moment later. The forms do what a form does: send a
/// request again on 503, any other 5xx or a broken connection, until it is answered 2xx.
/// </summary>
[Collection(StorageOutageFaults.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Forms = 8;
    private const int RecordsPerForm = 250;
    private const int BatchSize = 25;
    private const int MaxAttempts = 200;
    private static readonly TimeSpan PatienceOfAForm = TimeSpan.FromSeconds(90);

    /// <summary>A form posts one request after the other, this long apart: the ingestion lasts long enough for two outages.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long storage stays down, outage after outage.</summary>
    private static readonly TimeSpan[] Outages = [TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2)];

    /// <summary>How many records are acknowledged after Azurite saved, before it is killed: records it will forget.</summary>
    private const int AcknowledgedAfterSave = 50;

    /// <summary>One kill: when, when Azurite was started again, and the entries its saved file held (what it came back with).</summary>
    private sealed record Kill(TimeSpan KilledAt, TimeSpan RestartedAt, IReadOnlySet<string> Saved);

    /// <summary>What the forms saw: when each record was acknowledged, every answer that should not have come.</summary>
    private sealed class Log
    {
        private int _unavailable;
        private int _connectionErrors;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public ConcurrentDictionary<string, TimeSpan> AcknowledgedAt { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Wrong { get; } = new();

        public int Unavailable => _unavailable;

        public int ConnectionErrors => _connectionErrors;

        public void CountUnavailable() => Interlocked.Increment(ref _unavailable);

        public void CountConnectionError() => Interlocked.Increment(ref _connectionErrors);
    }

    [Fact]
    public async Task EntriesPostedWhileStorageIsKilledTwiceAreStoredOnceAndOnlyWhatStorageForgotIsMissing()
    {
        await using var azurite = await DiskAzurite.StartAsync();
        await using var service = await TestService.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Access:RequestsPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Error",
        });
        var store = new StoredRows(service.ConnectionString, service.TablePrefix);
        var entriesTable = service.TablePrefix + StoredRows.Entries;
        // The table must be in Azurite's saved file before the first kill: else it comes back without it.
        await service.Services.GetRequiredService<RecordStore<LogbookEntry>>().EnsureTableAsync();
        await azurite.WaitUntilSavedAsync([entriesTable], TimeSpan.FromSeconds(20));

        var records = Enumerable.Range(0, Forms * RecordsPerForm)
            .Select(i => Samples.Entry(date: $"2022-{i % 12 + 1:00}-{i % 28 + 1:00}"))
            .ToList();
        var ids = records.Select(r => r["id"]!.GetValue<string>()).ToList();
        var log = new Log();
        var kills = new List<Kill>();

        var forms = Enumerable.Range(0, Forms)
            .Select(f => Task.Run(() => FormAsync(service, records.Skip(f * RecordsPerForm).Take(RecordsPerForm).ToList(), log)))
            .ToList();
        var allPosted = Task.WhenAll(forms);
        var lastSave = File.GetLastWriteTimeUtc(azurite.TableDatabase);
        var savedBefore = 0;
        foreach (var down in Outages)
        {
            // Kill storage after it saved some new work, once a few more records were acknowledged: the outage
            // then holds records it saved (which must survive) and records it will forget.
            var giveUpAt = log.Clock.Elapsed + TimeSpan.FromSeconds(15);
            while (!allPosted.IsCompleted && log.Clock.Elapsed < giveUpAt)
            {
                var savedAt = File.GetLastWriteTimeUtc(azurite.TableDatabase);
                if (savedAt != lastSave)
                {
                    lastSave = savedAt;
                    if (SavedIds(azurite, entriesTable).Count > savedBefore)
                    {
                        break;
                    }
                }
                await Task.Delay(50);
            }
            var acknowledgedAtSave = log.AcknowledgedAt.Count;
            while (!allPosted.IsCompleted && log.AcknowledgedAt.Count < acknowledgedAtSave + AcknowledgedAfterSave && log.Clock.Elapsed < giveUpAt)
            {
                await Task.Delay(10);
            }
            if (allPosted.IsCompleted)
            {
                break;
            }
            var killedAt = log.Clock.Elapsed;
            var acknowledged = log.AcknowledgedAt.Count;
            azurite.Kill();
            var saved = SavedIds(azurite, entriesTable);
            await Task.Delay(down);
            var restartedAt = log.Clock.Elapsed;
            await azurite.RestartAsync();
            lastSave = File.GetLastWriteTimeUtc(azurite.TableDatabase);
            savedBefore = saved.Count;
            kills.Add(new Kill(killedAt, restartedAt, saved));
            output.WriteLine($"Killed at {killedAt.TotalSeconds:0.0} s ({acknowledged} acknowledged, {saved.Count} in its saved file), started again at {restartedAt.TotalSeconds:0.0} s");
        }
        await allPosted;
        output.WriteLine($"All {ids.Count} acknowledged after {log.Clock.Elapsed.TotalSeconds:0.0} s: {log.Unavailable} answers 503, {log.ConnectionErrors} broken connections");

        // Every request was finally answered 2xx, outages only ever as 503 with Retry-After.
        Assert.True(log.Wrong.IsEmpty, string.Join("\n", log.Wrong.Take(20)));
        Assert.Equal(Outages.Length, kills.Count);
        Assert.True(kills[0].Saved.Count > 0, "Storage was killed before it saved any entry: nothing shows that saved records survive.");
        Assert.Equal(ids.Count, log.AcknowledgedAt.Count);
        Assert.True(log.Unavailable > 0, "No form ever saw storage down: the kills missed the ingestion.");

        // No record twice, nothing that was not posted, nothing lost that storage had saved; the only records
        // missing are ones Azurite acknowledged and forgot: absent from the file it came back with.
        Assert.Empty(await store.BrokenInvariantsAsync(StoredRows.Entries));
        var present = await store.LiveIdsAsync(StoredRows.Entries);
        Assert.Subset(ids.ToHashSet(StringComparer.Ordinal), present);
        foreach (var kill in kills)
        {
            Assert.Subset(present, kill.Saved.ToHashSet(StringComparer.Ordinal));
        }
        var missing = ids.Where(id => !present.Contains(id)).ToList();
        foreach (var id in missing)
        {
            var acknowledged = log.AcknowledgedAt[id];
            var forgottenBy = kills.FirstOrDefault(k => acknowledged <= k.RestartedAt);
            Assert.True(forgottenBy is not null && !forgottenBy.Saved.Contains(id),
                $"Entry {id}, acknowledged at {acknowledged.TotalSeconds:0.000} s, is missing though storage did not forget it.");
        }
        output.WriteLine($"{present.Count} stored; {missing.Count} acknowledged by Azurite after its last save before a kill, and forgotten");

        // The forms resend what they sent (as after a storage restore): every stored record is a duplicate, the
        // forgotten ones are stored again, and then every entry is there exactly once.
        var resync = new Log();
        await Task.WhenAll(Enumerable.Range(0, Forms).Select(f => Task.Run(() =>
            ResendAsync(service, records.Skip(f * RecordsPerForm).Take(RecordsPerForm).ToList(), present, resync))));
        Assert.True(resync.Wrong.IsEmpty, string.Join("\n", resync.Wrong.Take(20)));

        Assert.Empty(await store.BrokenInvariantsAsync(StoredRows.Entries));
        var final = await store.LiveIdsAsync(StoredRows.Entries);
        Assert.Equal(ids.Order(StringComparer.Ordinal), final.Order(StringComparer.Ordinal));
        foreach (var id in ids.Where((_, i) => i % 20 == 0).Concat(missing.Take(20)))
        {
            var read = await service.Client.GetAsync($"/api/entries/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(id, (await read.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }
    }

    /// <summary>The ids of the records in Azurite's saved file: what it comes back with after a restart.</summary>
    private static HashSet<string> SavedIds(DiskAzurite azurite, string table) =>
        azurite.SavedRowKeys(table).Where(RecordKeys.IsRecordRow).Select(RecordKeys.IdOfRecordRow).ToHashSet(StringComparer.Ordinal);

    /// <summary>One form: its records as single posts and batches of 25, in turn, each sent until it is answered.</summary>
    private static async Task FormAsync(TestService service, IReadOnlyList<JsonObject> records, Log log)
    {
        using var client = service.ClientWithKey(TestKeys.Coordinator);
        foreach (var chunk in records.Chunk(BatchSize * 2))
        {
            await SendBatchAsync(client, chunk.Take(BatchSize).ToList(), log, (_, status) => status is "created" or "duplicate");
            await Task.Delay(Pace);
            foreach (var record in chunk.Skip(BatchSize))
            {
                var id = record["id"]!.GetValue<string>();
                var answer = await SendAsync(client, "/api/entries", record, log);
                if (answer is null)
                {
                    continue;
                }
                if (answer.Value.Status is not (HttpStatusCode.Created or HttpStatusCode.OK) || answer.Value.Body["id"]?.GetValue<string>() != id)
                {
                    log.Wrong.Enqueue($"POST /api/entries {id}: {(int)answer.Value.Status} {answer.Value.Body.ToJsonString()}");
                    continue;
                }
                log.AcknowledgedAt[id] = log.Clock.Elapsed;
                await Task.Delay(Pace);
            }
        }
    }

    /// <summary>A form resending all its records in batches: stored ones must come back as duplicates.</summary>
    private static async Task ResendAsync(TestService service, IReadOnlyList<JsonObject> records, IReadOnlySet<string> stored, Log log)
    {
        using var client = service.ClientWithKey(TestKeys.Coordinator);
        foreach (var chunk in records.Chunk(BatchSize))
        {
            await SendBatchAsync(client, chunk, log, (id, status) => status == "duplicate" || (status == "created" && !stored.Contains(id)));
        }
    }

    private static async Task SendBatchAsync(HttpClient client, IReadOnlyList<JsonObject> batch, Log log, Func<string, string, bool> expected)
    {
        var ids = batch.Select(r => r["id"]!.GetValue<string>()).ToList();
        var body = Samples.Batch(batch);
        var answer = await SendAsync(client, "/api/entries/batch", body, log);
        if (answer is null)
        {
            return;
        }
        var results = answer.Value.Body["results"]?.AsArray();
        if (answer.Value.Status != HttpStatusCode.OK || results is null || results.Count != ids.Count)
        {
            log.Wrong.Enqueue($"POST /api/entries/batch: {(int)answer.Value.Status} {answer.Value.Body.ToJsonString()}");
            return;
        }
        var now = log.Clock.Elapsed;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = results[i]?["id"]?.GetValue<string>();
            var status = results[i]?["status"]?.GetValue<string>() ?? "";
            if (id != ids[i] || !expected(ids[i], status))
            {
                log.Wrong.Enqueue($"POST /api/entries/batch {ids[i]}: {results[i]?.ToJsonString()}");
                continue;
            }
            log.AcknowledgedAt[id] = now;
        }
    }

    /// <summary>
    /// Posts until the service answers something other than a failure to retry (503, another 5xx, a broken
    /// connection); every 5xx other than 503, and every 503 without Retry-After, is logged as wrong.
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonObject Body)?> SendAsync(HttpClient client, string path, JsonObject body, Log log)
    {
        var giveUpAt = log.Clock.Elapsed + PatienceOfAForm;
        for (var attempt = 1; attempt <= MaxAttempts && log.Clock.Elapsed < giveUpAt; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync(path, body);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (status < 500)
                {
                    return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
                }
                if (status != 503)
                {
                    log.Wrong.Enqueue($"POST {path}: {status} {text}");
                }
                else if (response.Headers.RetryAfter is null || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    log.Wrong.Enqueue($"POST {path}: 503 without Retry-After or problem+json");
                }
                log.CountUnavailable();
            }
            catch (HttpRequestException)
            {
                log.CountConnectionError();
            }
            catch (TaskCanceledException)
            {
                // The client's own timeout: the request is sent again, as a form does.
                log.CountConnectionError();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 500) + Random.Shared.Next(50)));
        }
        log.Wrong.Enqueue($"POST {path}: still not answered after {MaxAttempts} attempts or {PatienceOfAForm.TotalSeconds} s");
        return null;
    }
}
