using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// The record lists, the CSV export and the data-quality view, driven over HTTP. Every expectation is worked out
/// from the records the test posted, never from what the service answers.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordListTests(AzuriteFixture azurite)
{
    private static readonly string[] Workers = ["BAR-07", "BAR-12", "BAR-3"];
    private static readonly string[] Municipalities = ["21015", "21001", "21004"];

    /// <summary>Entries spread over workers, municipalities and months (Jan–Apr 2022), posted by the coordinator; the posted bodies.</summary>
    private static async Task<List<JsonObject>> PostEntriesAsync(TestService service, int count, int seed)
    {
        var random = new Random(seed);
        var posted = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            var municipality = Municipalities[random.Next(Municipalities.Length)];
            var entry = Samples.Entry(date: $"2022-0{random.Next(1, 5)}-{random.Next(1, 29):D2}")
                .With("workerCode", Workers[random.Next(Workers.Length)])
                .With("municipality", municipality)
                .With("neighbourhood", municipality == "21015" && random.Next(2) == 0 ? "23" : null);
            posted.Add(entry);
        }
        var answer = await service.PostJsonAsync("/api/entries/batch", Samples.Batch(posted));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return posted;
    }

    /// <summary>Every page of a list, following its next links; the ids in the order given.</summary>
    private static async Task<List<string>> AllPagesAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        var path = url[..url.IndexOf('?', StringComparison.Ordinal)];
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 100, "The list never ended.");
            var answer = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
            var items = body["items"]!.AsArray();
            foreach (var item in items)
            {
                var id = item!["id"]!.GetValue<string>();
                Assert.Equal($"{path}/{id}", item["href"]?.GetValue<string>());
                ids.Add(id);
            }
            url = body["next"]?.GetValue<string>()!;
            Assert.True(url is null || items.Count > 0, "A page with a next link was empty.");
        }
        return ids;
    }

    private static string Id(JsonObject record) => record["id"]!.GetValue<string>();

    private static string Value(JsonObject record, string field) => record[field]?.GetValue<string>() ?? "";

    [Fact]
    public async Task PagesGiveEveryRecordOfThePeriodOnceAndFiltersKeepOnlyTheirs()
    {
        await using var service = await TestService.StartAsync(azurite);
        var posted = await PostEntriesAsync(service, 60, seed: 13);
        var quarter = posted.Where(e => string.CompareOrdinal(Value(e, "date"), "2022-04") < 0).ToList();

        var all = await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022-Q1&limit=7");
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(quarter.Select(Id).Order(), all.Order());

        var ofWorker = await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022-Q1&worker=BAR-12&limit=4");
        Assert.Equal(quarter.Where(e => Value(e, "workerCode") == "BAR-12").Select(Id).Order(), ofWorker.Order());

        var ofMunicipality = await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022-03&municipality=21001");
        Assert.Equal(posted.Where(e => Value(e, "date").StartsWith("2022-03", StringComparison.Ordinal) && Value(e, "municipality") == "21001").Select(Id).Order(),
            ofMunicipality.Order());

        var ofNeighbourhood = await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022&neighbourhood=23&limit=200");
        Assert.Equal(posted.Where(e => Value(e, "neighbourhood") == "23").Select(Id).Order(), ofNeighbourhood.Order());
        Assert.NotEmpty(ofNeighbourhood);
    }

    [Fact]
    public async Task AFieldWorkerListsOnlyTheirOwnRecordsAndAnErasedOrMovedRecordFollows()
    {
        await using var service = await TestService.StartAsync(azurite);
        var posted = await PostEntriesAsync(service, 30, seed: 5);
        var activity = Samples.Activity(date: "2022-02-10").With("workerCodes", new JsonArray("BAR-12", "BAR-07"));
        var colleagues = Samples.Activity(date: "2022-02-11").With("workerCodes", new JsonArray("BAR-12"));
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", activity)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", colleagues)).StatusCode);
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);

        var own = await AllPagesAsync(worker, "/api/entries?period=2022");
        Assert.Equal(posted.Where(e => Value(e, "workerCode") == TestKeys.WorkerCode).Select(Id).Order(), own.Order());
        Assert.Equal([Id(activity)], await AllPagesAsync(worker, "/api/activities?period=2022-02"));
        Assert.Equal(new[] { Id(activity), Id(colleagues) }.Order(), (await AllPagesAsync(service.Client, "/api/activities?programme=BAR&period=2022-02&worker=BAR-12")).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/entries?period=2022&worker=BAR-12")).StatusCode);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync("/api/entries?programme=BAR&period=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Client.GetAsync("/api/entries?programme=CHW&period=2022")).StatusCode);

        // An erased record leaves the list; a record corrected into another month is listed under that month.
        var erased = posted[0];
        using var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/entries/{Id(erased)}");
        erase.Headers.Add("X-Reason", "request 2022-17");
        Assert.Equal(HttpStatusCode.NoContent, (await service.Client.SendAsync(erase)).StatusCode);
        var moved = posted[1];
        var read = await service.Client.GetAsync($"/api/entries/{Id(moved)}");
        var corrected = moved.With("date", "2022-11-30");
        Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(Samples.Put($"/api/entries/{Id(moved)}", corrected, read.Headers.ETag!.ToString()))).StatusCode);

        var after = await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022-Q1&limit=9");
        Assert.Equal(posted.Skip(2).Where(e => string.CompareOrdinal(Value(e, "date"), "2022-04") < 0).Select(Id).Order(), after.Order());
        Assert.Equal([Id(moved)], await AllPagesAsync(service.Client, "/api/entries?programme=BAR&period=2022-11"));
    }

    [Fact]
    public async Task AWrongQueryIsNamedFieldByFieldWithoutRepeatingItsValues()
    {
        await using var service = await TestService.StartAsync(azurite);

        var answer = await service.Client.GetAsync("/api/entries?programme=BAR&period=2022-13&municipality=Schaerbeek&neighbourhood=nowhere&limit=0&worker=Jan%20Peeters");
        var cursor = await service.Client.GetAsync("/api/entries?programme=BAR&period=2022&cursor=bW9udGg6Q0hXOjIwMjItMDE6eA");
        var missing = await service.Client.GetAsync("/api/entries?programme=BAR");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var text = await answer.Content.ReadAsStringAsync();
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["query limit", "query municipality", "query neighbourhood", "query period", "query worker"], errors.Select(e => e.Key).Order());
        Assert.Contains("21015", errors["query municipality"]![0]!.GetValue<string>());
        Assert.DoesNotContain("Schaerbeek", text);
        Assert.DoesNotContain("Peeters", text);
        Assert.DoesNotContain("nowhere", text);
        Assert.Equal(HttpStatusCode.BadRequest, cursor.StatusCode);
        Assert.True(JsonNode.Parse(await cursor.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey("query cursor"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey("query period"));
    }

    [Fact]
    public async Task TheExportHoldsEveryRecordOfThePeriodAsCodesAndNoFreeText()
    {
        await using var service = await TestService.StartAsync(azurite);
        var posted = await PostEntriesAsync(service, 25, seed: 21);
        var activity = Samples.Activity(date: "2022-03-02");
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", activity)).StatusCode);

        var entries = await service.Client.GetAsync("/api/exports/entries?programme=BAR&period=2022-03");
        var activities = await service.Client.GetAsync("/api/exports/activities?programme=BAR&period=2022-Q1");
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);

        Assert.Equal(HttpStatusCode.OK, entries.StatusCode);
        Assert.Equal("text/csv", entries.Content.Headers.ContentType?.MediaType);
        Assert.Equal("BAR-2022-03-entries.csv", entries.Content.Headers.ContentDisposition?.FileNameStar ?? entries.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await entries.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,date,programme,workerCode,municipality,postcode,neighbourhood,firstContact,initiative,place,actions,nonTakeUp,themes,vulnerabilities,campaign", lines[0]);
        var march = posted.Where(e => Value(e, "date").StartsWith("2022-03", StringComparison.Ordinal)).ToList();
        Assert.Equal(march.Count, lines.Length - 1);
        var byId = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        foreach (var e in march)
        {
            var fields = byId[Id(e)];
            Assert.Equal(Value(e, "date"), fields[1]);
            Assert.Equal(Value(e, "workerCode"), fields[3]);
            Assert.Equal(Value(e, "municipality"), fields[4]);
            Assert.Equal(Value(e, "neighbourhood"), fields[6]);
            Assert.Equal(string.Join(' ', e["themes"]!.AsArray().Select(t => t!.GetValue<string>())), fields[12]);
        }
        // Dates ascending: a coordinator reads the month in order.
        Assert.Equal(lines.Skip(1).Select(l => l.Split(',')[1]).Order(StringComparer.Ordinal), lines.Skip(1).Select(l => l.Split(',')[1]));

        var activityText = await activities.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, activities.StatusCode);
        Assert.Contains(Id(activity), activityText);
        Assert.DoesNotContain("Sint-Servaasplein", activityText);
        Assert.DoesNotContain("name", activityText.Split("\r\n")[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/exports/entries?programme=BAR&period=2022-03")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/api/exports/people?programme=BAR&period=2022-03")).StatusCode);
    }

    [Fact]
    public async Task DataQualityCountsPerWorkerAndMonthAndNamesWhatAReportLeavesOut()
    {
        await using var service = await TestService.StartAsync(azurite);
        var posted = await PostEntriesAsync(service, 40, seed: 8);
        var placed = Samples.Activity(date: "2022-02-03");
        var unplaced = Samples.Activity(date: "2022-02-04").With("postcode", null).With("workerCodes", new JsonArray("BAR-3"));
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", placed)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", unplaced)).StatusCode);

        var answer = await service.Client.GetAsync("/api/quality?programme=BAR&period=2022-Q1");
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        var quarter = posted.Where(e => string.CompareOrdinal(Value(e, "date"), "2022-04") < 0).ToList();
        Assert.Equal(quarter.Count, body["entries"]!.GetValue<int>());
        Assert.Equal(2, body["activities"]!.GetValue<int>());
        var expected = quarter.GroupBy(e => (Worker: Value(e, "workerCode"), Month: Value(e, "date")[..7]))
            .Select(g => (g.Key.Worker, g.Key.Month, Entries: g.Count(), Activities: 0)).ToList();
        foreach (var (w, month) in new[] { ("BAR-07", "2022-02"), ("BAR-12", "2022-02"), ("BAR-3", "2022-02") })
        {
            var i = expected.FindIndex(x => x.Worker == w && x.Month == month);
            if (i < 0)
            {
                expected.Add((w, month, 0, 1));
            }
            else
            {
                expected[i] = expected[i] with { Activities = 1 };
            }
        }
        var perWorker = body["perWorker"]!.AsArray()
            .Select(w => (w!["worker"]!.GetValue<string>(), w["month"]!.GetValue<string>(), w["entries"]!.GetValue<int>(), w["activities"]!.GetValue<int>())).ToList();
        Assert.Equal(expected.Order(), perWorker.Order());

        var without = body["withoutNeighbourhood"]!;
        Assert.Equal(quarter.Count(e => Value(e, "neighbourhood") == ""), without["entries"]!.GetValue<int>());
        Assert.Equal(2, without["activities"]!.GetValue<int>());
        var findings = body["findings"]!["items"]!.AsArray();
        var unplacedEntries = quarter.Where(e => Value(e, "municipality") == "21004").Select(Id).ToList();
        Assert.Equal(unplacedEntries.Append(Id(unplaced)).Order(),
            findings.Where(f => f!["reason"]!.GetValue<string>() == "brussels-city-no-part").Select(f => f!["id"]!.GetValue<string>()).Order());
        Assert.Equal(findings.Count, body["findings"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain("Sint-Servaasplein", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/quality?programme=BAR&period=2022-Q1")).StatusCode);
    }
}
