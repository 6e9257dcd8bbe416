using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>The HTTP API driven as a field form drives it, against the real service on a real Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestionTests(AzuriteFixture azurite)
{
    /// <summary>
    /// The period rows of the live records (of one id, or all), read straight from the table (not through the
    /// API), after checking that storage keeps its invariants (one period row per live record, and so on).
    /// </summary>
    private static async Task<List<TableEntity>> RowsAsync<T>(TestService service, string? id = null) where T : IFieldRecord
    {
        var stored = new StoredRows(service.ConnectionString, service.TablePrefix);
        var table = typeof(T) == typeof(LogbookEntry) ? StoredRows.Entries : StoredRows.Activities;
        Assert.Empty(await stored.BrokenInvariantsAsync(table));
        return (await stored.PeriodRowsAsync(table)).Where(p => id is null || p.Id == id).Select(p => p.Row).ToList();
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task APostedEntryIsStoredAndReadBack()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();

        var created = await service.PostJsonAsync("/api/entries", entry);
        var read = await service.Client.GetAsync($"/api/entries/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/entries/{id}", created.Headers.Location?.ToString());
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        var body = await BodyAsync(read);
        Assert.Equal("2022-03-14", body["date"]!.GetValue<string>());
        Assert.Equal(ReferenceCatalog.Current.Version, body["referenceVersion"]!.GetValue<string>());
        Assert.Equal(["E", "K"], body["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var row = Assert.Single(await RowsAsync<LogbookEntry>(service, id));
        Assert.Equal(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 3, 14), id), row.RowKey);
    }

    [Fact]
    public async Task APostedActivityIsStoredAndReadBack()
    {
        await using var service = await TestService.StartAsync(azurite);
        var activity = Samples.Activity();
        var id = activity["id"]!.GetValue<string>();

        var created = await service.PostJsonAsync("/api/activities", activity);
        var read = await BodyAsync(await service.Client.GetAsync($"/api/activities/{id}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Sociale stand markt Sint-Servaasplein", read["name"]!.GetValue<string>());
        Assert.Equal("1020", read["postcode"]!.GetValue<string>());
        Assert.Equal(35, read["participants"]!.GetValue<int>());
        Assert.Equal(["BAR-07", "BAR-12"], read["workerCodes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task RepostingTheSameEntryAnswersOkAndStoresNothingNew()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();

        var first = await service.PostJsonAsync("/api/entries", entry);
        var again = await service.PostJsonAsync("/api/entries", entry.With("themes", new JsonArray("K", "E")));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Single(await RowsAsync<LogbookEntry>(service, id));
    }

    [Fact]
    public async Task RepostingTheSameIdWithOtherContentIsAConflictNamingTheField()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();
        await service.PostJsonAsync("/api/entries", entry);

        var conflict = await service.PostJsonAsync("/api/entries", entry.With("date", "2022-04-02"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await BodyAsync(conflict);
        Assert.Equal(["$.date"], problem["errors"]!.AsObject().Select(e => e.Key));
        var row = Assert.Single(await RowsAsync<LogbookEntry>(service, id));
        Assert.Equal("2022-03-14", row.GetString("Date"));
    }

    [Fact]
    public async Task AnInvalidEntryGetsAProblemNamingEveryInvalidFieldAndIsNotStored()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry().With("date", "2031-01-01").With("themes", new JsonArray()).With("municipality", "21001").With("nickname", "x");
        var id = entry["id"]!.GetValue<string>();

        var response = await service.PostJsonAsync("/api/entries", entry);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await BodyAsync(response))["errors"]!.AsObject().Select(e => e.Key).Order();
        // The unknown property "nickname" is told under "$", by its position.
        Assert.Equal(["$", "$.date", "$.neighbourhood", "$.themes"], errors);
        Assert.Empty(await RowsAsync<LogbookEntry>(service, id));
    }

    [Fact]
    public async Task ABatchWithTwoInvalidRecordsAmongFiftyStoresTheOtherFortyEight()
    {
        await using var service = await TestService.StartAsync(azurite);
        var records = Enumerable.Range(0, 50)
            .Select(i => Samples.Entry(date: $"2022-{i % 12 + 1:00}-{i % 28 + 1:00}"))
            .ToList();
        records[7] = records[7].With("themes", new JsonArray("??"));
        records[31] = records[31].Without("place");

        var response = await service.PostJsonAsync("/api/entries/batch", new JsonObject { ["records"] = new JsonArray(records.Select(r => (JsonNode)r).ToArray()) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await BodyAsync(response))["results"]!.AsArray();
        Assert.Equal(50, results.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(records[i]["id"]!.GetValue<string>(), results[i]!["id"]!.GetValue<string>());
        }
        Assert.Equal(["invalid", "invalid"], new[] { results[7], results[31] }.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal(["$.themes[0]"], results[7]!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["$.place"], results[31]!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(48, results.Count(r => r!["status"]!.GetValue<string>() == "created"));
        // Each stored record's ETag, spelt "etag" as everywhere: the one a GET of the record answers.
        var first = await service.Client.GetAsync($"/api/entries/{records[0]["id"]!.GetValue<string>()}");
        Assert.Equal(first.Headers.GetValues("ETag").Single(), results[0]!["etag"]!.GetValue<string>());
        Assert.All(results, r => Assert.DoesNotContain("eTag", r!.AsObject().Select(p => p.Key)));
        var stored = await RowsAsync<LogbookEntry>(service);
        Assert.Equal(48, stored.Count);
        Assert.DoesNotContain(stored, row => StoredRows.IdOf(row.RowKey) == records[7]["id"]!.GetValue<string>() || StoredRows.IdOf(row.RowKey) == records[31]["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARepostedBatchReportsDuplicatesAndConflictsAndStoresNothingNew()
    {
        await using var service = await TestService.StartAsync(azurite);
        var records = Enumerable.Range(0, 120).Select(_ => Samples.Activity()).ToList();
        var batch = new JsonObject { ["records"] = new JsonArray(records.Select(r => (JsonNode)r).ToArray()) };
        await service.PostJsonAsync("/api/activities/batch", batch);
        var changed = records.Select(r => (JsonNode)r.DeepClone()).ToArray();
        changed[5] = records[5].With("participants", 36);

        var response = await service.PostJsonAsync("/api/activities/batch", new JsonObject { ["records"] = new JsonArray(changed) });

        var statuses = (await BodyAsync(response))["results"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()).ToList();
        Assert.Equal("conflict", statuses[5]);
        Assert.Equal(119, statuses.Count(s => s == "duplicate"));
        Assert.Equal(120, (await RowsAsync<CollectiveActivity>(service)).Count);
    }

    [Fact]
    public async Task TheSameIdTwiceInOneBatchIsStoredOnce()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var batch = new JsonObject { ["records"] = new JsonArray(entry.DeepClone(), entry.DeepClone(), entry.With("place", "office")) };

        var results = (await BodyAsync(await service.PostJsonAsync("/api/entries/batch", batch)))["results"]!.AsArray();

        Assert.Equal(["created", "duplicate", "conflict"], results.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Single(await RowsAsync<LogbookEntry>(service, entry["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ABatchOverFiveHundredRecordsIsRefusedWhole()
    {
        await using var service = await TestService.StartAsync(azurite);
        var batch = new JsonObject { ["records"] = new JsonArray(Enumerable.Range(0, 501).Select(_ => (JsonNode)Samples.Entry()).ToArray()) };

        var response = await service.PostJsonAsync("/api/entries/batch", batch);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["$.records"], (await BodyAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await RowsAsync<LogbookEntry>(service));
    }

    [Fact]
    public async Task ACorrectionWithTheCurrentETagIsStoredAndAStaleOneIsRefused()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();
        var created = await service.PostJsonAsync("/api/entries", entry);
        var etag = created.Headers.ETag!.ToString();

        var corrected = await service.Client.SendAsync(Samples.Put($"/api/entries/{id}", entry.With("place", "office"), etag));
        var stale = await service.Client.SendAsync(Samples.Put($"/api/entries/{id}", entry.With("place", "phone"), etag));
        var missing = await service.Client.SendAsync(Samples.Put($"/api/entries/{id}", entry.With("place", "phone"), null));

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.NotEqual(etag, corrected.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        var read = await BodyAsync(await service.Client.GetAsync($"/api/entries/{id}"));
        Assert.Equal("office", read["place"]!.GetValue<string>());
        Assert.Equal("office", Assert.Single(await RowsAsync<LogbookEntry>(service, id)).GetString("Place"));
    }

    [Fact]
    public async Task ACorrectionToAnotherMonthMovesTheRecordToThatMonthsRange()
    {
        await using var service = await TestService.StartAsync(azurite);
        var activity = Samples.Activity();
        var id = activity["id"]!.GetValue<string>();
        var created = await service.PostJsonAsync("/api/activities", activity);

        var corrected = await service.Client.SendAsync(Samples.Put($"/api/activities/{id}", activity.With("date", "2022-06-01"), created.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var row = Assert.Single(await RowsAsync<CollectiveActivity>(service, id));
        Assert.Equal(RecordKeys.PeriodRow("BAR", new DateOnly(2022, 6, 1), id), row.RowKey);
        var read = await service.Client.GetAsync($"/api/activities/{id}");
        Assert.Equal(corrected.Headers.ETag, read.Headers.ETag);
        Assert.Equal("2022-06-01", (await BodyAsync(read))["date"]!.GetValue<string>());
        var again = await service.PostJsonAsync("/api/activities", activity.With("date", "2022-06-01"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ACorrectionOfAnUnknownRecordIsNotFound()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();

        var response = await service.Client.SendAsync(Samples.Put($"/api/entries/{entry["id"]}", entry, "W/\"datetime'2022-01-01T00%3A00%3A00Z'\""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ACorrectionCannotChangeTheId()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var created = await service.PostJsonAsync("/api/entries", entry);

        var response = await service.Client.SendAsync(Samples.Put($"/api/entries/{entry["id"]}", entry.With("id", Guid.NewGuid().ToString()), created.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.id"], (await BodyAsync(response))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task TwentyConcurrentPostsOfTheSameIdStoreExactlyOneRow()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();
        using var start = new SemaphoreSlim(0);

        var posts = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync();
            return await service.PostJsonAsync("/api/entries", entry);
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(await RowsAsync<LogbookEntry>(service, id));
        Assert.Single(responses.Select(r => r.Headers.ETag!.ToString()).Distinct());
    }

    [Fact]
    public async Task AnUnknownIdIsNotFound()
    {
        await using var service = await TestService.StartAsync(azurite);

        var response = await service.Client.GetAsync($"/api/entries/{Guid.NewGuid()}");
        var notAnId = await service.Client.GetAsync("/api/activities/not-an-id");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitIsRefusedWithoutReadingIt()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Ingestion:MaxRecordBytes"] = "2048" });
        var entry = Samples.Entry().With("padding", new string(' ', 1));
        var body = entry.ToJsonString().Replace("\"padding\":\" \"", "\"padding\":\"" + new string('x', 4000) + "\"", StringComparison.Ordinal);

        var response = await service.Client.PostAsync("/api/entries", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await RowsAsync<LogbookEntry>(service, entry["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"id\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("id=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task AnUnusableBodyGetsAProblem(string body, string contentType, HttpStatusCode expected)
    {
        await using var service = await TestService.StartAsync(azurite);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await service.Client.PostAsync("/api/entries", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/entries", new byte[] { 0xC3, 0x28 })]
    [InlineData("/api/entries", new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData("/api/entries", new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    [InlineData("/api/entries/batch", new byte[] { 0xFF })]
    [InlineData("/api/entries/batch", new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'c', (byte)'0', (byte)'0' })]
    public async Task TextThatIsNotUtf8OrHalfASurrogatePairIsABadRequest(string path, byte[] bad)
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry().With("workerCode", "BAR-MARK");
        var json = entry.ToJsonString().Split("MARK");
        var body = path.EndsWith("/batch", StringComparison.Ordinal) ? ["{\"records\":[" + json[0], json[1] + "]}"] : json;

        var response = await service.Client.PostAsync(path, new ByteArrayContent([.. Encoding.UTF8.GetBytes(body[0]), .. bad, .. Encoding.UTF8.GetBytes(body[1])])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await RowsAsync<LogbookEntry>(service));
    }

    [Fact]
    public async Task ABatchGivingItsRecordsTwiceIsRefusedWhole()
    {
        await using var service = await TestService.StartAsync(azurite);
        var first = new JsonArray(Samples.Entry()).ToJsonString();
        var second = new JsonArray(Samples.Entry()).ToJsonString();

        var response = await service.Client.PostAsync("/api/entries/batch",
            new StringContent($"{{\"records\":{first},\"records\":{second}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.records"], (await BodyAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await RowsAsync<LogbookEntry>(service));
    }

    [Fact]
    public async Task ReferenceDataServesEveryCodeListWithLabels()
    {
        await using var service = await TestService.StartAsync(azurite);

        var reference = await BodyAsync(await service.Client.GetAsync("/api/reference"));

        Assert.Equal(ReferenceCatalog.Current.Version, reference["version"]!.GetValue<string>());
        var themes = reference["codeLists"]!["themes"]!.AsArray();
        Assert.Equal(26, themes.Count);
        Assert.Equal("Aide alimentaire", themes[3]!["labels"]!["fr"]!.GetValue<string>());
        Assert.Equal(5, reference["codeLists"]!["nonTakeUp"]!.AsArray().Count);
        Assert.Equal(19, reference["municipalities"]!.AsArray().Count);
        Assert.Equal("21015", reference["neighbourhoods"]!.AsArray().Single(n => n!["code"]!.GetValue<string>() == "23")!["municipality"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/api/reference?version=1999.1")).StatusCode);
    }

    [Fact]
    public async Task HealthSaysStorageIsReachable()
    {
        await using var service = await TestService.StartAsync(azurite);

        var response = await service.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reachable", (await BodyAsync(response))["storage"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutStorageHealthSaysSoAndAPostAsksToRetry()
    {
        var closedPort = LocalPorts.Free();
        var logs = new CapturedLogs();
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = LocalAzurite.ConnectionString(closedPort, closedPort, closedPort),
        }, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));

        var health = await service.Client.GetAsync("/api/health");
        var post = await service.PostJsonAsync("/api/entries", Samples.Entry());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unreachable", (await BodyAsync(health))["storage"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.NotNull(post.Headers.RetryAfter);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        // The 503 keeps its cause in the log: the storage error, with the refused connection inside it.
        var logged = Assert.Single(logs.Entries, e => e.Message.Contains("answered 503", StringComparison.Ordinal));
        Assert.Contains("Connection refused", logged.Exception?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsAreServedWithTheContractsJsonNames()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        await service.PostJsonAsync("/api/entries", entry);

        using var read = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/entries/{entry["id"]}"));

        var names = read.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(entry.Select(p => p.Key).ToHashSet(), names);
    }

    [Fact]
    public async Task WhenStorageLosesItsTablesAPostAsksToRetryAndTheRetryStoresTheRecord()
    {
        await using var service = await TestService.StartAsync(azurite);
        await service.PostJsonAsync("/api/entries", Samples.Entry());
        await new StoredRows(service.ConnectionString, service.TablePrefix).Table(StoredRows.Entries).DeleteAsync();
        var entry = Samples.Entry();

        var first = await service.PostJsonAsync("/api/entries", entry);
        var retry = await service.PostJsonAsync("/api/entries", entry);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.True(retry.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, retry.StatusCode.ToString());
        Assert.Single(await RowsAsync<LogbookEntry>(service, entry["id"]!.GetValue<string>()));
    }
}
