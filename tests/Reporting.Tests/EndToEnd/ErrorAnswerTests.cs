using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Reporting.Domain;
using Reporting.Ingestion;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Error answers repeat nothing the caller sent but valid codes (no property name, no id of a path that is not a
/// UUID, no query value), and stay small whatever was sent.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ErrorAnswerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Email = "jan.janssens@example.com";

    /// <summary>The most a batch answer may weigh, whatever the batch holds.</summary>
    private const int MaxBatchAnswerBytes = 256 * 1024;

    private static readonly Dictionary<string, string?> Unlimited = new() { ["Access:RequestsPerMinute"] = "100000" };

    private static async Task AssertNotRepeatedAsync(HttpResponseMessage response, HttpStatusCode status, string sent)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} for {response.RequestMessage?.RequestUri}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(sent, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("janssens", text, StringComparison.OrdinalIgnoreCase);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [Fact]
    public async Task AnUnknownPropertyNamedAsAnEmailAddressIsToldByItsPositionAndNeverRepeated()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var stored = Samples.Entry();
        var created = await service.PostJsonAsync("/api/entries", stored);

        var entry = await service.PostJsonAsync("/api/entries", Samples.Entry().With(Email, "x"));
        await AssertNotRepeatedAsync(entry, HttpStatusCode.BadRequest, Email);
        await AssertNotRepeatedAsync(await service.PostJsonAsync("/api/activities", Samples.Activity().With(Email, 1)), HttpStatusCode.BadRequest, Email);
        await AssertNotRepeatedAsync(await service.Client.SendAsync(Samples.Put($"/api/entries/{stored["id"]}", stored.With(Email, 1), created.Headers.ETag!.ToString())),
            HttpStatusCode.BadRequest, Email);
        await AssertNotRepeatedAsync(await service.PostJsonAsync("/api/entries/batch", new JsonObject { ["records"] = new JsonArray(Samples.Entry()), [Email] = 1 }),
            HttpStatusCode.BadRequest, Email);
        await AssertNotRepeatedAsync(await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", [Email] = true }),
            HttpStatusCode.BadRequest, Email);
        var range = new JsonObject { ["from"] = "2022-01-01", ["to"] = "2022-01-31", [Email] = 1 };
        await AssertNotRepeatedAsync(await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = range }), HttpStatusCode.BadRequest, Email);

        // The error says where the property is and what the properties are.
        var errors = (await entry.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "$").Value!.AsArray())!.GetValue<string>();
        Assert.StartsWith("Unknown property at position 15 (counted from 1); the properties are: id, programme,", message);

        // In a batch, the record is invalid with the same error, and the envelope's own unknown property likewise.
        var batch = await service.PostJsonAsync("/api/entries/batch", Samples.Batch([Samples.Entry().With(Email, "x")]));
        var text = await batch.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.DoesNotContain("janssens", text, StringComparison.OrdinalIgnoreCase);
        var result = JsonNode.Parse(text)!["results"]![0]!;
        Assert.Equal("invalid", result["status"]!.GetValue<string>());
        Assert.Equal(["$"], result["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task APropertyNameOf60000CharactersIsNotRepeatedAndTheAnswerIsSmall()
    {
        await using var service = await TestService.StartAsync(azurite);
        var name = string.Concat(Enumerable.Repeat("Zq", 30_000));

        foreach (var (path, body) in new[]
        {
            ("/api/entries", Samples.Entry().With(name, 1)),
            ("/api/activities", Samples.Activity().With(name, 1)),
            // A report request may weigh 16 KiB: its unknown property has 12,000 characters.
            ("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022", [name[..12_000]] = 1 }),
        })
        {
            var response = await service.PostJsonAsync(path, body);
            var answer = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(answer.Length < 2048, $"{path} answered {answer.Length} bytes.");
            Assert.DoesNotContain("ZqZq", Encoding.UTF8.GetString(answer), StringComparison.Ordinal);
        }

        var batch = await service.PostJsonAsync("/api/entries/batch", Samples.Batch([Samples.Entry().With(name, 1)]));
        var batchAnswer = await batch.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.True(batchAnswer.Length < 2048, $"The batch answered {batchAnswer.Length} bytes.");
        Assert.DoesNotContain("ZqZq", Encoding.UTF8.GetString(batchAnswer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdInThePathThatIsNotAUuidIsNotRepeated()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var escaped = Uri.EscapeDataString(Email);
        var unknown = Guid.NewGuid().ToString();

        foreach (var kind in new[] { "entries", "activities" })
        {
            var notAnId = await service.Client.GetAsync($"/api/{kind}/{escaped}");
            await AssertNotRepeatedAsync(notAnId, HttpStatusCode.NotFound, Email);
            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/{kind}/{escaped}");
            delete.Headers.Add("X-Reason", "REQ-1");
            await AssertNotRepeatedAsync(await service.Client.SendAsync(delete), HttpStatusCode.NotFound, Email);
            var body = kind == "entries" ? Samples.Entry() : Samples.Activity();
            await AssertNotRepeatedAsync(await service.Client.SendAsync(Samples.Put($"/api/{kind}/{escaped}", body, "W/\"x\"")), HttpStatusCode.BadRequest, Email);

            // An id that is not a UUID answers exactly as a UUID that is not stored.
            var notStored = await service.Client.GetAsync($"/api/{kind}/{unknown}");
            Assert.Equal(await Answers.AsSeenAsync(notStored), await Answers.AsSeenAsync(notAnId));
        }
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reports/{escaped}"), HttpStatusCode.NotFound, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reports/BAR_{escaped}"), HttpStatusCode.NotFound, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reports/BAR_{escaped}/workbook"), HttpStatusCode.NotFound, Email);
    }

    [Fact]
    public async Task QueryValuesAreNotRepeatedUnlessTheyAreValidCodes()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        var escaped = Uri.EscapeDataString(Email);

        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/audit?programme={escaped}"), HttpStatusCode.Forbidden, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/audit?programme=BAR&max={escaped}"), HttpStatusCode.BadRequest, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reports?programme={escaped}"), HttpStatusCode.Forbidden, Email);
        await AssertNotRepeatedAsync(await funder.GetAsync($"/api/reports?programme={escaped}&period=2022"), HttpStatusCode.Forbidden, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reference?version={escaped}"), HttpStatusCode.NotFound, Email);
        await AssertNotRepeatedAsync(await service.Client.GetAsync($"/api/reports?programme=BAR&period={escaped}"), HttpStatusCode.BadRequest, Email);

        // Each still says what to send.
        var max = (await (await service.Client.GetAsync("/api/audit?programme=BAR&max=ten")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Expected a whole number of entries, from 1 to 1000.", max["errors"]!["query max"]![0]!.GetValue<string>());
        var missing = await service.Client.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("?programme=BAR", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var version = await (await service.Client.GetAsync($"/api/reference?version={escaped}")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(ReferenceCatalog.Current.Version, version!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // A valid programme code that is not the caller's is named, with the caller's own.
        var other = await (await service.Client.GetAsync("/api/audit?programme=CHW")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Programme CHW is not one of yours (yours: BAR).", other!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABatchOf500EntriesWith1600ThemesEachIsAnsweredInLittleSpace()
    {
        await using var service = await TestService.StartAsync(azurite);
        var themes = Enumerable.Repeat("E", 1600).ToArray();
        var records = Enumerable.Range(0, 500).Select(_ => Samples.Entry().With("themes", new JsonArray(themes.Select(t => (JsonNode?)t).ToArray())));
        var body = Encoding.UTF8.GetBytes(Samples.Batch(records).ToJsonString());

        var response = await service.Client.PostAsync("/api/entries/batch", Json(body));
        var answer = await response.Content.ReadAsByteArrayAsync();

        output.WriteLine($"A {body.Length}-byte batch of 500 entries with 1,600 themes each answered {answer.Length} bytes.");
        Assert.InRange(body.Length, 3_300_000, 4 * 1024 * 1024);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.Length <= MaxBatchAnswerBytes, $"A {body.Length}-byte batch answered {answer.Length} bytes.");
        var results = JsonNode.Parse(answer)!["results"]!.AsArray();
        Assert.Equal(500, results.Count);
        Assert.All(results, r => Assert.Equal("invalid", r!["status"]!.GetValue<string>()));
        Assert.All(results, r => Assert.Equal(["$.themes"], r!["errors"]!.AsObject().Select(e => e.Key)));
    }

    [Fact]
    public async Task ABatchOf500RecordsWithEveryFieldWrongIsAnsweredWithinItsBound()
    {
        await using var service = await TestService.StartAsync(azurite);
        // Every field wrong, the longest messages the reader has, twenty bad worker codes and many unknown properties.
        var record = new JsonObject
        {
            ["id"] = Email, ["programme"] = Email, ["workerCodes"] = new JsonArray(Enumerable.Repeat(Email, 20).Select(c => (JsonNode?)c).ToArray()),
            ["date"] = Email, ["municipality"] = "21004", ["postcode"] = "9999", ["name"] = Email, ["format"] = Email, ["regularity"] = Email,
            ["organisation"] = Email, ["themes"] = new JsonArray(Enumerable.Repeat(Email, 26).Select(c => (JsonNode?)c).ToArray()),
            ["participants"] = -1, ["partners"] = -1, ["campaign"] = Email,
        };
        for (var i = 0; i < 50; i++)
        {
            record[$"{Email}.{i}"] = i;
        }
        var body = Encoding.UTF8.GetBytes(Samples.Batch(Enumerable.Repeat(record, 500)).ToJsonString());

        var response = await service.Client.PostAsync("/api/activities/batch", Json(body));
        var answer = await response.Content.ReadAsByteArrayAsync();

        output.WriteLine($"A {body.Length}-byte batch of 500 records with every field wrong answered {answer.Length} bytes.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.Length <= MaxBatchAnswerBytes, $"A {body.Length}-byte batch answered {answer.Length} bytes.");
        var text = Encoding.UTF8.GetString(answer);
        Assert.DoesNotContain("janssens", text, StringComparison.OrdinalIgnoreCase);
        var results = JsonNode.Parse(text)!["results"]!.AsArray();
        Assert.Equal(500, results.Count);
        Assert.All(results, r => Assert.Equal("invalid", r!["status"]!.GetValue<string>()));
        Assert.All(results, r => Assert.Null(r!["id"]));
        // The answer lists problems up to its bound; every record still says how many more problems it has.
        var messages = results.SelectMany(r => r!["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>()))).ToList();
        Assert.Equal(500, messages.Count(m => m.Contains("not listed", StringComparison.Ordinal)));
        Assert.Equal(RecordHandlers<Reporting.Domain.LogbookEntry>.MaxBatchErrors, messages.Count(m => !m.Contains("not listed", StringComparison.Ordinal)));
        Assert.All(results, r => Assert.Contains("not listed", r!["errors"]!["$"]!.AsArray().Last()!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARecordWithManyProblemsListsTwentyAndSaysHowManyMore()
    {
        await using var service = await TestService.StartAsync(azurite);
        var record = Samples.Activity().With("workerCodes", new JsonArray(Enumerable.Repeat("not a code", 20).Select(c => (JsonNode?)c).ToArray()))
            .With("themes", new JsonArray("x", "y", "z")).With("format", "x").With("participants", -1);

        var response = await service.PostJsonAsync("/api/activities", record);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ValidationErrors.MaxListed, errors.Where(e => e.Key != "$").Sum(e => e.Value!.AsArray().Count));
        Assert.Equal("…and 5 more problems not listed; correct those listed and send again.", Assert.Single(errors["$"]!.AsArray())!.GetValue<string>());
    }
}
