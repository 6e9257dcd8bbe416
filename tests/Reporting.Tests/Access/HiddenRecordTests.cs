using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.Access;

/// <summary>
/// A record or report the caller may not see (another programme, a colleague's work, for a funder a report with
/// small cells shown) answers exactly as one that does not exist: the same status, headers and bytes.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class HiddenRecordTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Unlimited = new() { ["Access:RequestsPerMinute"] = "100000" };

    private static HttpRequestMessage Delete(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("X-Reason", "REQ-2026-117");
        return request;
    }

    /// <summary>GET, PUT (as the record and as the caller's own programme's) and DELETE of a path, as one list of answers.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient client, string kind, string id, JsonObject record, string etag)
    {
        var path = $"/api/{kind}/{id}";
        var own = kind == "entries" ? record.With("programme", "BAR").With("workerCode", "BAR-07") : record.With("programme", "BAR").With("workerCodes", new JsonArray("BAR-07"));
        return
        [
            await Answers.AsSeenAsync(await client.GetAsync(path)),
            await Answers.AsSeenAsync(await client.SendAsync(Samples.Put(path, record.With("id", id), etag))),
            await Answers.AsSeenAsync(await client.SendAsync(Samples.Put(path, own.With("id", id), etag))),
            await Answers.AsSeenAsync(await client.SendAsync(Delete(path))),
        ];
    }

    [Fact]
    public async Task AnotherProgrammesRecordAnswersByteForByteAsAnIdThatIsNotStored()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        var records = new Dictionary<string, JsonObject>
        {
            ["entries"] = Samples.Entry().With("programme", "CHW").With("workerCode", "CHW-01"),
            ["activities"] = Samples.Activity().With("programme", "CHW").With("workerCodes", new JsonArray("CHW-01")),
        };

        foreach (var (kind, record) in records)
        {
            var created = await chw.PostAsJsonAsync($"/api/{kind}", record);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var etag = created.Headers.ETag!.ToString();

            var hidden = await AnswersAsync(service.Client, kind, record["id"]!.GetValue<string>(), record, etag);
            var unknown = await AnswersAsync(service.Client, kind, Guid.NewGuid().ToString(), record, etag);

            Assert.Equal(unknown, hidden);
            Assert.All(hidden, a => Assert.StartsWith("404\n", a, StringComparison.Ordinal));
            // Untouched: its own programme reads it as it was.
            Assert.Equal(etag, (await chw.GetAsync($"/api/{kind}/{record["id"]}")).Headers.ETag!.ToString());
        }
    }

    [Fact]
    public async Task AColleaguesRecordAnswersAFieldWorkerAsAnIdThatIsNotStoredWhileTheirOwnCorrectionIsRefused()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);
        var colleagues = Samples.Entry().With("workerCode", "BAR-12");
        var created = await service.PostJsonAsync("/api/entries", colleagues);
        var etag = created.Headers.ETag!.ToString();
        var id = colleagues["id"]!.GetValue<string>();
        var unknown = Guid.NewGuid().ToString();

        Assert.Equal(await Answers.AsSeenAsync(await worker.GetAsync($"/api/entries/{unknown}")), await Answers.AsSeenAsync(await worker.GetAsync($"/api/entries/{id}")));
        // Correcting it as the colleague's, or claiming it as one's own: as for an id that is not stored.
        foreach (var body in new[] { colleagues, colleagues.With("workerCode", "BAR-07") })
        {
            var hidden = await worker.SendAsync(Samples.Put($"/api/entries/{id}", body, etag));
            var notStored = await worker.SendAsync(Samples.Put($"/api/entries/{unknown}", body.With("id", unknown), etag));
            Assert.Equal(await Answers.AsSeenAsync(notStored), await Answers.AsSeenAsync(hidden));
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // The worker's own record: a correction giving it to a colleague or to another programme is refused as such.
        var own = Samples.Entry();
        var ownETag = (await worker.PostAsJsonAsync("/api/entries", own)).Headers.ETag!.ToString();
        var toColleague = await worker.SendAsync(Samples.Put($"/api/entries/{own["id"]}", own.With("workerCode", "BAR-12"), ownETag));
        var toOtherProgramme = await worker.SendAsync(Samples.Put($"/api/entries/{own["id"]}", own.With("programme", "CHW").With("workerCode", "CHW-07"), ownETag));
        Assert.Equal(HttpStatusCode.Forbidden, toColleague.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toOtherProgramme.StatusCode);
        Assert.Equal("Programme CHW is not one of yours (yours: BAR).", (await toOtherProgramme.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(ownETag, (await worker.GetAsync($"/api/entries/{own["id"]}")).Headers.ETag!.ToString());
    }

    [Fact]
    public async Task AnotherProgrammesReportAndAReportAFunderMayNotSeeAnswerAsAReportThatIsNotStored()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        var chwReport = (await chw.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = "CHW", ["period"] = "2021-03" })).Headers.Location!.ToString();
        var shown = (await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-03", ["suppressSmallCells"] = false })).Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await chw.GetAsync(chwReport)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync(shown)).StatusCode);

        foreach (var (client, hidden, notStored) in new[]
        {
            (service.Client, chwReport, "/api/reports/CHW_2019-03_nl"),
            (funder, shown, "/api/reports/BAR_2019-03_nl_full"),
        })
        {
            Assert.Equal(await Answers.AsSeenAsync(await client.GetAsync(notStored)), await Answers.AsSeenAsync(await client.GetAsync(hidden)));
            Assert.Equal(await Answers.AsSeenAsync(await client.GetAsync(notStored + "/workbook")), await Answers.AsSeenAsync(await client.GetAsync(hidden + "/workbook")));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(hidden)).StatusCode);
        }
    }

    [Fact]
    public async Task PostingTheIdOfAnotherProgrammesRecordDoesNotTellHowThatRecordDiffers()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        var theirs = Samples.Entry().With("programme", "CHW").With("workerCode", "CHW-01");
        Assert.Equal(HttpStatusCode.Created, (await chw.PostAsJsonAsync("/api/entries", theirs)).StatusCode);
        var mine = Samples.Entry(id: theirs["id"]!.GetValue<string>()).With("place", "office");

        var single = await service.PostJsonAsync("/api/entries", mine);
        var batch = await service.PostJsonAsync("/api/entries/batch", Samples.Batch([mine]));

        Assert.Equal(HttpStatusCode.Conflict, single.StatusCode);
        var problem = (await single.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["$.id"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.DoesNotContain("programme", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var result = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!;
        Assert.Equal("conflict", result["status"]!.GetValue<string>());
        Assert.Equal(["$.id"], result["errors"]!.AsObject().Select(e => e.Key));

        // The same post against one's own programme's record names the fields that differ.
        var ours = Samples.Entry();
        await service.PostJsonAsync("/api/entries", ours);
        var own = (await (await service.PostJsonAsync("/api/entries", ours.With("place", "office"))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["$.place"], own["errors"]!.AsObject().Select(e => e.Key));
    }
}
