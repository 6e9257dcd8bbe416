using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Invariants;

/// <summary>
/// The record store's invariants (decision 0002), each tried through the API by running its race many times and
/// checking storage and reports afterwards: one row per id and every report counting each live record once; an
/// erased record gone for good; access following the record as it is now.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordRaceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Unlimited = new() { ["Access:RequestsPerMinute"] = "1000000" };

    private static string Id(JsonObject record) => record["id"]!.GetValue<string>();

    private static HttpRequestMessage Delete(string path, string reason = "REQ-7")
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("X-Reason", reason);
        return request;
    }

    private static async Task<JsonObject> ReportAsync(TestService service, JsonNode period)
    {
        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = period, ["language"] = "en", ["suppressSmallCells"] = false });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        return await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(25));
    }

    private static async Task AssertStorageConsistentAsync(TestService service)
    {
        var stored = new StoredRows(service.ConnectionString, service.TablePrefix);
        Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
        Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Activities));
    }

    [Fact]
    public async Task ResendsRacingACorrectionToAnotherMonthLeaveOneRowPerIdAndAReportCountsEachRecordOnce()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        const int Trials = 40;
        var moved = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var entry = Samples.Entry(date: "2022-08-20");
            var created = await service.PostJsonAsync("/api/entries", entry);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            var resends = Enumerable.Range(0, 4).Select(_ => Task.Run(() => service.PostJsonAsync("/api/entries", entry))).ToList();
            var correction = Task.Run(() => service.Client.SendAsync(Samples.Put($"/api/entries/{Id(entry)}", entry.With("date", "2022-09-02"), created.Headers.ETag!.ToString())));
            await Task.WhenAll([.. resends, correction]);

            var corrected = await correction;
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
            moved++;
            foreach (var resend in resends)
            {
                // Before the correction the resend is the stored record (200); after it, the id holds other content (409).
                Assert.Contains((await resend).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            }
            var read = await service.Client.GetFromJsonAsync<JsonObject>($"/api/entries/{Id(entry)}");
            Assert.Equal("2022-09-02", read!["date"]!.GetValue<string>());
        }

        await AssertStorageConsistentAsync(service);
        var report = await ReportAsync(service, "2022-Q3");
        Assert.Equal("ready", report["status"]!.GetValue<string>());
        Assert.Equal(Trials, report["entries"]!.GetValue<long>());
        Assert.Equal(Trials, moved);
    }

    [Fact]
    public async Task ReportsMadeAgainAndAgainWhileWritersMoveRecordsBetweenMonthsCountEveryRecordOnce()
    {
        // Small pages, so that every partition is read in several requests while the records move.
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?>(Unlimited) { ["Storage:ReadPageSize"] = "4" });
        var entries = Enumerable.Range(0, 250).Select(i => Samples.Entry(date: $"2022-01-{i % 28 + 1:00}")).ToList();
        foreach (var chunk in entries.Chunk(125))
        {
            Assert.Equal(HttpStatusCode.OK, (await service.PostJsonAsync("/api/entries/batch", Samples.Batch(chunk))).StatusCode);
        }

        // Eight writers move the records between January and February and back, each a few times a second, for
        // as long as the reports are made.
        var etags = new string[entries.Count];
        var months = new int[entries.Count];
        using var stop = new CancellationTokenSource();
        var moves = 0;
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = w; !stop.IsCancellationRequested; i = (i + 8) % entries.Count)
            {
                var read = await service.Client.GetAsync($"/api/entries/{Id(entries[i])}");
                var month = read.Headers.ETag!.ToString() == etags[i] ? months[i] : (await read.Content.ReadFromJsonAsync<JsonObject>())!["date"]!.GetValue<string>()[6] - '0';
                using var put = Samples.Put($"/api/entries/{Id(entries[i])}", entries[i].With("date", $"2022-0{3 - month}-15"), read.Headers.ETag!.ToString());
                var moved = await service.Client.SendAsync(put);
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
                (etags[i], months[i]) = (moved.Headers.ETag!.ToString(), 3 - month);
                Interlocked.Increment(ref moves);
                await Task.Delay(100);
            }
        })).ToList();

        var counts = new List<long>();
        var reasons = new List<string>();
        for (var run = 0; run < 12; run++)
        {
            var report = await ReportAsync(service, "2022-Q1");
            if (report["status"]!.GetValue<string>() == "ready")
            {
                counts.Add(report["entries"]!.GetValue<long>());
            }
            else
            {
                reasons.Add(report["reason"]?.GetValue<string>() ?? "");
            }
            await Task.Delay(250);
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{moves} moves; {counts.Count} reports ready ({string.Join(", ", counts)}), {reasons.Count} failed");

        Assert.True(moves > 200, $"Only {moves} moves: the writers did not race the reports.");
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.Equal(entries.Count, c));
        Assert.All(reasons, r => Assert.Contains("moved between months", r, StringComparison.Ordinal));
        await AssertStorageConsistentAsync(service);
        var january = await ReportAsync(service, "2022-01");
        var february = await ReportAsync(service, "2022-02");
        Assert.Equal(months.Count(m => m != 2), january["entries"]!.GetValue<long>());
        Assert.Equal(months.Count(m => m == 2), february["entries"]!.GetValue<long>());
    }

    [Fact]
    public async Task AnErasureRacingResendsAndCorrectionsLeavesTheRecordGoneForGood()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        const int Trials = 20;
        var erased = new List<JsonObject>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var entry = Samples.Entry(date: "2022-08-20");
            var created = await service.PostJsonAsync("/api/entries", entry);
            var erasure = Task.Run(() => service.Client.SendAsync(Delete($"/api/entries/{Id(entry)}")));
            var resends = Enumerable.Range(0, 3).Select(_ => Task.Run(() => service.PostJsonAsync("/api/entries", entry))).ToList();
            var correction = Task.Run(() => service.Client.SendAsync(Samples.Put($"/api/entries/{Id(entry)}", entry.With("date", "2022-09-02"), created.Headers.ETag!.ToString())));
            await Task.WhenAll([erasure, correction, .. resends]);

            Assert.Equal(HttpStatusCode.NoContent, (await erasure).StatusCode);
            Assert.Contains((await correction).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.NotFound });
            Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync($"/api/entries/{Id(entry)}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await service.Client.SendAsync(Delete($"/api/entries/{Id(entry)}"))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await service.PostJsonAsync("/api/entries", entry)).StatusCode);
            erased.Add(entry);
        }
        var kept = Samples.Entry(date: "2022-09-10");
        await service.PostJsonAsync("/api/entries", kept);

        await AssertStorageConsistentAsync(service);
        var stored = await new StoredRows(service.ConnectionString, service.TablePrefix).RecordRowsAsync(StoredRows.Entries);
        Assert.All(erased, e => Assert.True(stored[Id(e)].GetBoolean("Erased")));
        var report = await ReportAsync(service, "2022-Q3");
        Assert.Equal(1, report["entries"]!.GetValue<long>());
        var audit = (await service.Client.GetFromJsonAsync<JsonObject>("/api/audit?programme=BAR&max=1000"))!["entries"]!.AsArray();
        Assert.Equal(Trials, audit.Count(a => a!["action"]!.GetValue<string>() == "erased"));
    }

    [Fact]
    public async Task AfterACorrectionMovesARecordToAnotherProgrammeOnlyThatProgrammesCoordinatorsReachItAndItsTrailGetsTheErasure()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var both = service.ClientWithKey(TestKeys.BothCoordinator);
        using var bar = service.ClientWithKey(TestKeys.Coordinator);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        var entry = Samples.Entry();
        var created = await both.PostAsJsonAsync("/api/entries", entry);

        var moved = await both.SendAsync(Samples.Put($"/api/entries/{Id(entry)}", entry.With("programme", "CHW").With("workerCode", "CHW-03"), created.Headers.ETag!.ToString()));
        var barReads = await bar.GetAsync($"/api/entries/{Id(entry)}");
        var barErases = await bar.SendAsync(Delete($"/api/entries/{Id(entry)}"));
        var chwErases = await chw.SendAsync(Delete($"/api/entries/{Id(entry)}"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Now CHW's, the record answers a BAR coordinator as one that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, barReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, barErases.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, chwErases.StatusCode);
        var chwTrail = (await chw.GetFromJsonAsync<JsonObject>("/api/audit?programme=CHW"))!["entries"]!.AsArray();
        var barTrail = (await bar.GetFromJsonAsync<JsonObject>("/api/audit?programme=BAR"))!["entries"]!.AsArray();
        Assert.Equal(["erased", "corrected"], chwTrail.Select(a => a!["action"]!.GetValue<string>()));
        Assert.Equal(["corrected"], barTrail.Select(a => a!["action"]!.GetValue<string>()));
        await AssertStorageConsistentAsync(service);
    }

    [Fact]
    public async Task AnErasureByOneProgrammesCoordinatorRacingAMoveToAnotherProgrammeNeverSucceedsOnTheRecordItNoLongerHolds()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var both = service.ClientWithKey(TestKeys.BothCoordinator);
        using var bar = service.ClientWithKey(TestKeys.Coordinator);
        var outcomes = new Dictionary<(HttpStatusCode Move, HttpStatusCode Erase), int>();
        for (var trial = 0; trial < 30; trial++)
        {
            var entry = Samples.Entry();
            var created = await both.PostAsJsonAsync("/api/entries", entry);
            var move = Task.Run(() => both.SendAsync(Samples.Put($"/api/entries/{Id(entry)}", entry.With("programme", "CHW").With("workerCode", "CHW-03"), created.Headers.ETag!.ToString())));
            var erase = Task.Run(() => bar.SendAsync(Delete($"/api/entries/{Id(entry)}", $"REQ-{trial}")));
            var (moved, erased) = ((await move).StatusCode, (await erase).StatusCode);
            outcomes[(moved, erased)] = outcomes.GetValueOrDefault((moved, erased)) + 1;

            var read = await both.GetAsync($"/api/entries/{Id(entry)}");
            if (erased == HttpStatusCode.NoContent)
            {
                // Erased while it was BAR's: the move found it gone or changed, and it stays gone.
                Assert.NotEqual(HttpStatusCode.OK, moved);
                Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            }
            else
            {
                // Moved first: the BAR coordinator no longer holds it, and it answers them as one that does not exist.
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (moved, erased));
                Assert.Equal("CHW", (await read.Content.ReadFromJsonAsync<JsonObject>())!["programme"]!.GetValue<string>());
            }
        }
        output.WriteLine(string.Join(", ", outcomes.Select(o => $"move {(int)o.Key.Move} / erase {(int)o.Key.Erase}: {o.Value}")));

        var barErasures = (await bar.GetFromJsonAsync<JsonObject>("/api/audit?programme=BAR&max=1000"))!["entries"]!.AsArray().Count(a => a!["action"]!.GetValue<string>() == "erased");
        Assert.Equal(outcomes.Where(o => o.Key.Erase == HttpStatusCode.NoContent).Sum(o => o.Value), barErasures);
        await AssertStorageConsistentAsync(service);
    }
}
