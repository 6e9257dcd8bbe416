using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Personal data typed into the free and semi-free text (an activity's name, worker codes, the reason of a
/// correction or erasure), however it is written, is refused over HTTP with a 400 naming the field or header,
/// without repeating it, and nothing of it is stored, audited or logged.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PersonalDataGuardTests(AzuriteFixture azurite)
{
    /// <summary>Personal data as people type it, and the parts of it that no answer or log may hold.</summary>
    private static readonly (string Text, string[] Parts)[] Disguised =
    [
        ("(0470) 12 34 56", ["0470", "12 34 56"]),
        ("+32 (470) 12 34 56", ["470", "12 34 56"]),
        ("0470_12_34_56", ["0470", "12_34"]),
        ("0470\u200B12\u200B34\u200B56", ["0470", "\u200B"]),
        ("０４７０ １２ ３４ ５６", ["０４７０", "0470"]),
        ("\u0660\u0664\u0667\u0660 \u0661\u0662 \u0663\u0664 \u0665\u0666", ["\u0660\u0664\u0667\u0660", "0470"]),
        ("85-07-30-033-28", ["85-07", "033"]),
        ("85.07.30\u2060-033.28", ["85.07", "033"]),
        ("jan(at)example.be", ["jan", "example"]),
        ("jan＠example.be", ["jan", "example"]),
        ("jan.peeters@café.be", ["peeters", "café"]),
    ];

    private static async Task<TestService> StartAsync(AzuriteFixture azurite, CapturedLogs logs) =>
        await TestService.StartAsync(azurite, services: services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>A client that sends header values as UTF-8, as a browser or a form tool may.</summary>
    private static HttpClient Utf8Client(TestService service)
    {
        var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = service.Client.BaseAddress,
        };
        client.DefaultRequestHeaders.Add(Reporting.Access.AccessOptions.ApiKeyHeader, TestKeys.Coordinator);
        return client;
    }

    /// <summary>The problem of a refusal: a 400 whose errors are under <paramref name="keys"/> and hold none of <paramref name="parts"/>.</summary>
    private static async Task<JsonObject> AssertRefusedAsync(HttpResponseMessage response, string[] keys, string text, string[] parts)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(keys, problem["errors"]!.AsObject().Select(e => e.Key));
        // What the service says (not its trace id, whose hex digits might hold anything).
        AssertHoldsNone(new JsonArray(problem["title"]!.DeepClone(), problem["detail"]?.DeepClone(), problem["errors"]!.DeepClone()), text, parts);
        return problem;
    }

    /// <summary>No string of <paramref name="json"/> holds the text or a part of it.</summary>
    private static void AssertHoldsNone(JsonNode json, string text, string[] parts)
    {
        var strings = Strings(json).ToList();
        Assert.NotEmpty(strings);
        foreach (var value in strings)
        {
            Assert.DoesNotContain(text, value, StringComparison.Ordinal);
            Assert.All(parts, part => Assert.DoesNotContain(part, value, StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static void AssertNotLogged(CapturedLogs logs, string text, string[] parts) =>
        Assert.All(logs.Entries, e =>
        {
            var logged = e.Message + e.Exception;
            Assert.DoesNotContain(text, logged, StringComparison.Ordinal);
            Assert.All(parts, part => Assert.DoesNotContain(part, logged, StringComparison.Ordinal));
        });

    [Fact]
    public async Task AnActivityNameHoldingPersonalDataIsRefusedHoweverItIsWrittenAndNotStored()
    {
        var logs = new CapturedLogs();
        await using var service = await StartAsync(azurite, logs);
        var stored = Samples.Activity();
        var id = stored["id"]!.GetValue<string>();
        var created = await service.PostJsonAsync("/api/activities", stored);
        var etag = created.Headers.ETag!.ToString();

        foreach (var (text, parts) in Disguised)
        {
            var name = "Stand markt " + text;
            var post = await service.PostJsonAsync("/api/activities", Samples.Activity().With("name", name));
            using var put = Samples.Put($"/api/activities/{id}", stored.With("name", name), etag);
            var corrected = await service.Client.SendAsync(put);
            var batch = await service.PostJsonAsync("/api/activities/batch", Samples.Batch([Samples.Activity(), Samples.Activity().With("name", name)]));

            var problem = await AssertRefusedAsync(post, ["$.name"], text, parts);
            Assert.StartsWith("Must not hold personal data (it looks like ", problem["errors"]!["$.name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            await AssertRefusedAsync(corrected, ["$.name"], text, parts);
            Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
            var results = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
            Assert.Equal(["created", "invalid"], results.Select(r => r!["status"]!.GetValue<string>()));
            Assert.Equal(["$.name"], results[1]!["errors"]!.AsObject().Select(e => e.Key));
            AssertHoldsNone(results[1]!["errors"]!, text, parts);
        }

        var rows = new StoredRows(service.ConnectionString, service.TablePrefix);
        var records = await rows.RecordRowsAsync(StoredRows.Activities);
        Assert.Equal(1 + Disguised.Length, records.Count);
        Assert.All(records.Values, r => Assert.Equal("Sociale stand markt Sint-Servaasplein", r.GetString("Name")));
        Assert.Equal(etag, (await service.Client.GetAsync($"/api/activities/{id}")).Headers.ETag!.ToString());
        Assert.Empty(await rows.AuditRowsAsync(StoredRows.Activities));
        Assert.All(Disguised, d => AssertNotLogged(logs, d.Text, d.Parts));
    }

    [Theory]
    [InlineData("85073-003328", "85073")]
    [InlineData("Jan-Janssens", "Jan")]
    [InlineData("bar-07", "bar")]
    [InlineData("ＢＡＲ-０７", "ＢＡＲ")]
    [InlineData("BAR\u200B-07", "\u200B")]
    [InlineData("CHW-03", "CHW")]
    public async Task AWorkerCodeOutOfTheProgrammesShapeIsRefusedSayingWhatToSendAndNotStored(string code, string part)
    {
        var logs = new CapturedLogs();
        await using var service = await StartAsync(azurite, logs);

        var entry = await service.PostJsonAsync("/api/entries", Samples.Entry().With("workerCode", code));
        var activity = await service.PostJsonAsync("/api/activities", Samples.Activity().With("workerCodes", new JsonArray("BAR-07", code)));

        var problem = await AssertRefusedAsync(entry, ["$.workerCode"], code, [part]);
        Assert.EndsWith("A worker code of a BAR record is BAR, a dash and a number of 1 to 4 digits, such as BAR-07.",
            problem["errors"]!["$.workerCode"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertRefusedAsync(activity, ["$.workerCodes[1]"], code, [part]);
        var rows = new StoredRows(service.ConnectionString, service.TablePrefix);
        Assert.Empty(await rows.AllAsync(StoredRows.Entries));
        Assert.Empty(await rows.AllAsync(StoredRows.Activities));
        AssertNotLogged(logs, code, [part]);
    }

    [Fact]
    public async Task AReasonHoldingPersonalDataIsRefusedAndNeitherTheCorrectionNorTheErasureHappens()
    {
        var logs = new CapturedLogs();
        await using var service = await StartAsync(azurite, logs);
        using var client = Utf8Client(service);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();
        var created = await service.PostJsonAsync("/api/entries", entry);
        var etag = created.Headers.ETag!.ToString();

        foreach (var (text, parts) in Disguised)
        {
            var reason = "request " + text;
            using var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/entries/{id}");
            erase.Headers.Add("X-Reason", reason);
            using var correct = Samples.Put($"/api/entries/{id}", entry.With("place", "office"), etag);
            correct.Headers.Add("X-Reason", reason);

            var erased = await client.SendAsync(erase);
            var corrected = await client.SendAsync(correct);

            var problem = await AssertRefusedAsync(erased, ["header X-Reason"], text, parts);
            Assert.StartsWith("Must not hold personal data (it looks like ", problem["errors"]!["header X-Reason"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            await AssertRefusedAsync(corrected, ["header X-Reason"], text, parts);
        }

        var read = await service.Client.GetAsync($"/api/entries/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(etag, read.Headers.ETag!.ToString());
        Assert.Equal("outside", (await read.Content.ReadFromJsonAsync<JsonObject>())!["place"]!.GetValue<string>());
        var audit = (await service.Client.GetFromJsonAsync<JsonObject>("/api/audit?programme=BAR"))!["entries"]!.AsArray();
        Assert.Empty(audit);
        Assert.Empty(await new StoredRows(service.ConnectionString, service.TablePrefix).AuditRowsAsync(StoredRows.Entries));
        Assert.All(Disguised, d => AssertNotLogged(logs, d.Text, d.Parts));
    }
}
