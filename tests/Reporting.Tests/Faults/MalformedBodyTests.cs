using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// A corpus of malformed requests against every function that takes a body: each must be refused with a 4xx
/// problem+json (never a 5xx, never accepted), must store nothing, and must leave the service answering.
/// Most of the corpus is generated from a valid body: every field given every wrong JSON type, then bodies that
/// are not JSON, not UTF-8, too deep, too large, or sent as something else than JSON.
/// </summary>
[Collection(MalformedBodyFaults.Name)]
public sealed class MalformedBodyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Marker = "MARKER";

    private enum Kind
    {
        Text,
        List,
        Number,
        Boolean,
        Period,
        Records,
    }

    /// <summary>A function that takes a body: its valid body, its fields by kind, and where text can be put.</summary>
    private sealed record Target(
        string Name,
        HttpMethod Method,
        string Path,
        JsonObject Valid,
        IReadOnlyList<(string Field, Kind Kind)> Fields,
        IReadOnlyList<string> Required,
        Func<string, JsonObject> WithText,
        bool IsBatch = false,
        string? IfMatch = null);

    private sealed record Case(string Target, string What, Func<HttpContent> Content, bool Chunked = false);

    /// <summary>Wrong values for each kind of field (raw JSON: numbers beyond any type the service reads).</summary>
    private static readonly Dictionary<Kind, string[]> WrongValues = new()
    {
        [Kind.Text] = ["1", "-1", "0.5", "1e400", "99999999999999999999", "-99999999999999999999", "true", "false", "{}", "{\"a\":1}", "[]", "[\"x\"]"],
        [Kind.List] = ["\"E\"", "\"\"", "1", "1e400", "99999999999999999999", "true", "{}", "{\"0\":\"E\"}", "[1]", "[null]", "[true]", "[[]]", "[{}]", "[1e400]"],
        [Kind.Number] = ["\"35\"", "\"\"", "true", "{}", "[]", "[35]", "1e400", "-1e400", "1e-400", "99999999999999999999", "1.5", "-1"],
        [Kind.Records] = ["\"E\"", "\"\"", "1", "1e400", "99999999999999999999", "true", "{}", "{\"0\":{}}", "[]"],
        [Kind.Boolean] = ["\"true\"", "1", "0", "{}", "[]", "1e400", "\"yes\""],
        [Kind.Period] = ["1", "1e400", "99999999999999999999", "true", "[]", "[\"2022\"]", "{}", "{\"from\":1,\"to\":2}", "{\"from\":\"2022-01-01\"}",
            "{\"from\":\"2022-01-01\",\"to\":\"2022-01-31\",\"x\":1}", "{\"from\":\"x\",\"to\":\"y\"}", "{\"from\":[],\"to\":{}}"],
    };

    private static readonly (string Field, Kind Kind)[] EntryFields =
    [
        ("id", Kind.Text), ("programme", Kind.Text), ("workerCode", Kind.Text), ("date", Kind.Text), ("municipality", Kind.Text),
        ("postcode", Kind.Text), ("neighbourhood", Kind.Text), ("firstContact", Kind.Text), ("initiative", Kind.Text), ("place", Kind.Text),
        ("actions", Kind.List), ("nonTakeUp", Kind.List), ("themes", Kind.List), ("vulnerabilities", Kind.List), ("campaign", Kind.Text),
    ];

    private static readonly string[] EntryRequired = ["id", "programme", "workerCode", "date", "firstContact", "initiative", "place", "actions", "nonTakeUp", "themes"];

    private static readonly (string Field, Kind Kind)[] ActivityFields =
    [
        ("id", Kind.Text), ("programme", Kind.Text), ("workerCodes", Kind.List), ("date", Kind.Text), ("municipality", Kind.Text),
        ("postcode", Kind.Text), ("neighbourhood", Kind.Text), ("name", Kind.Text), ("format", Kind.Text), ("regularity", Kind.Text),
        ("organisation", Kind.Text), ("themes", Kind.List), ("participants", Kind.Number), ("partners", Kind.Number), ("campaign", Kind.Text),
    ];

    private static readonly string[] ActivityRequired = ["id", "programme", "workerCodes", "date", "name", "format", "regularity", "organisation", "themes"];

    private static readonly (string Field, Kind Kind)[] ReportFields =
    [
        ("programme", Kind.Text), ("period", Kind.Period), ("municipality", Kind.Text), ("campaign", Kind.Text), ("language", Kind.Text),
        ("splitBrussels", Kind.Boolean), ("suppressSmallCells", Kind.Boolean),
    ];

    private static readonly (string Field, Kind Kind)[] EnvelopeFields = [("records", Kind.Records)];

    /// <summary>Invalid UTF-8: a broken pair, a lone 0xFF, an overlong slash, an encoded surrogate, a five-byte form, a lone continuation byte.</summary>
    private static readonly byte[][] InvalidUtf8 = [[0xC3, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];

    private static readonly string[] UnpairedSurrogates = ["\\ud800", "\\udc00", "\\ud800\\u0041", "x\\udfff"];

    private static readonly string[] OtherContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "json"];

    private static readonly Dictionary<string, string?> Settings = new() { ["Access:RequestsPerMinute"] = "1000000" };

    [Fact]
    public async Task EveryMalformedBodyIsRefusedWithA4xxProblemStoresNothingAndTheServiceKeepsAnswering()
    {
        await using var service = await TestService.StartAsync(azurite, Settings);
        var (entry, entryETag) = await StoreAsync(service, "/api/entries", Samples.Entry());
        var (activity, activityETag) = await StoreAsync(service, "/api/activities", Samples.Activity());
        var targets = Targets(entry, entryETag, activity, activityETag);
        var corpus = targets.SelectMany(t => Generic(t).Concat(ByField(t))).ToList();

        var wrong = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var (target, item) in corpus)
        {
            var (status, mediaType) = await SendAsync(service.Client, target, item);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is < 400 or >= 500 || mediaType != "application/problem+json")
            {
                wrong.Add($"{target.Name} {item.What}: {status} {mediaType}");
            }
        }
        output.WriteLine($"{corpus.Count} malformed requests: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}")));

        Assert.True(corpus.Count >= 200, $"Only {corpus.Count} malformed requests.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} malformed requests were not refused with a 4xx problem:\n" + string.Join("\n", wrong.Take(40)));

        // Nothing was stored or changed, and the service still answers and still takes valid records.
        Assert.Equal(RowKeysOf(entry), await RowKeysAsync<LogbookEntry>(service));
        Assert.Equal(RowKeysOf(activity), await RowKeysAsync<CollectiveActivity>(service));
        Assert.Equal(entryETag, (await service.Client.GetAsync($"/api/entries/{entry["id"]}")).Headers.ETag?.ToString());
        Assert.Equal(activityETag, (await service.Client.GetAsync($"/api/activities/{activity["id"]}")).Headers.ETag?.ToString());
        Assert.Empty(await service.Services.GetRequiredService<ReportIndex>().ListAsync("BAR", null));
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", Samples.Activity())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022" })).StatusCode);
    }

    [Fact]
    public async Task MalformedRecordsInAWellFormedBatchAreEachReportedInvalidAndNoneIsStored()
    {
        await using var service = await TestService.StartAsync(azurite, Settings);
        var targets = Targets(Samples.Entry(), "", Samples.Activity(), "");
        var entries = RecordVariants(targets.Single(t => t.Name == "PostEntry")).ToList();
        var activities = RecordVariants(targets.Single(t => t.Name == "PostActivity")).ToList();
        JsonNode?[] notRecords = [null, 1, "x", new JsonArray(), true, JsonNode.Parse("1e400"), JsonNode.Parse("99999999999999999999")];

        var answers = 0;
        foreach (var (path, records) in new[] { ("/api/entries/batch", entries), ("/api/activities/batch", activities) })
        {
            foreach (var chunk in records.Select(r => (JsonNode?)r).Concat(notRecords).Chunk(100))
            {
                var response = await service.PostJsonAsync(path, new JsonObject { ["records"] = new JsonArray(chunk.Select(r => r?.DeepClone()).ToArray()) });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
                Assert.Equal(chunk.Length, results.Count);
                Assert.All(results, r => Assert.Equal("invalid", r!["status"]!.GetValue<string>()));
                Assert.All(results, r => Assert.NotEmpty(r!["errors"]!.AsObject()));
                answers += results.Count;
            }
        }
        output.WriteLine($"{answers} malformed records in batches, each reported invalid");

        Assert.Empty(await RowKeysAsync<LogbookEntry>(service));
        Assert.Empty(await RowKeysAsync<CollectiveActivity>(service));
    }

    /// <summary>The functions that take a body, each with a valid body to break.</summary>
    private static List<Target> Targets(JsonObject entry, string entryETag, JsonObject activity, string activityETag)
    {
        var entryId = entry["id"]!.GetValue<string>();
        var activityId = activity["id"]!.GetValue<string>();
        JsonObject Envelope(JsonObject record) => new() { ["records"] = new JsonArray(record.DeepClone()) };
        return
        [
            new("PostEntry", HttpMethod.Post, "/api/entries", Samples.Entry(), EntryFields, EntryRequired, text => Samples.Entry().With("workerCode", text)),
            new("PutEntry", HttpMethod.Put, $"/api/entries/{entryId}", entry, EntryFields, EntryRequired, text => entry.With("workerCode", text), IfMatch: entryETag),
            new("PostEntryBatch", HttpMethod.Post, "/api/entries/batch", Envelope(Samples.Entry()), EnvelopeFields, ["records"],
                text => Envelope(Samples.Entry().With("workerCode", text)), IsBatch: true),
            new("PostActivity", HttpMethod.Post, "/api/activities", Samples.Activity(), ActivityFields, ActivityRequired, text => Samples.Activity().With("name", text)),
            new("PutActivity", HttpMethod.Put, $"/api/activities/{activityId}", activity, ActivityFields, ActivityRequired, text => activity.With("name", text), IfMatch: activityETag),
            new("PostActivityBatch", HttpMethod.Post, "/api/activities/batch", Envelope(Samples.Activity()), EnvelopeFields, ["records"],
                text => Envelope(Samples.Activity().With("name", text)), IsBatch: true),
            new("PostReport", HttpMethod.Post, "/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" }, ReportFields,
                ["programme", "period"], text => new JsonObject { ["programme"] = "BAR", ["period"] = text }),
        ];
    }

    /// <summary>Every field of the valid body with every wrong value of its kind, null when required, left out when required.</summary>
    private static IEnumerable<(Target, Case)> ByField(Target target)
    {
        foreach (var (field, kind) in target.Fields)
        {
            foreach (var value in WrongValues[kind])
            {
                yield return (target, Json(target, $"{field} = {value}", target.Valid.With(field, JsonNode.Parse(value))));
            }
        }
        foreach (var field in target.Required)
        {
            yield return (target, Json(target, $"{field} = null", target.Valid.With(field, null)));
            yield return (target, Json(target, $"without {field}", target.Valid.Without(field)));
        }
    }

    /// <summary>A record of the target (single post) with each field given each wrong value, for batches.</summary>
    private static IEnumerable<JsonObject> RecordVariants(Target target) =>
        target.Fields.SelectMany(f => WrongValues[f.Kind].Select(v => target.Valid.With(f.Field, JsonNode.Parse(v))))
            .Concat(target.Required.Select(f => target.Valid.With(f, null)))
            .Append(target.WithText(new string('x', 1 << 20)))
            .Append(target.WithText("BAR\u000707"));

    /// <summary>Bodies that are no usable JSON for any function: syntax, encoding, depth, size, content type.</summary>
    private static IEnumerable<(Target, Case)> Generic(Target target)
    {
        var valid = Encoding.UTF8.GetBytes(target.Valid.ToJsonString());
        Case Raw(string what, byte[] body, string? contentType = "application/json", bool chunked = false) =>
            new(target.Name, what, () => Content(body, contentType), chunked);
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        yield return (target, Raw("empty body", []));
        foreach (var literal in new[] { "null", "true", "false", "42", "\"text\"", "1e400", "99999999999999999999", "-0", "[]", "{}", "[[]]", " ", "\"\"" })
        {
            yield return (target, Raw($"body {literal}", Utf8(literal)));
        }
        yield return (target, Raw("an array of the valid body", Utf8("[" + target.Valid.ToJsonString() + "]")));
        yield return (target, Json(target, "every field null", new JsonObject(target.Fields.Select(f => KeyValuePair.Create(f.Field, (JsonNode?)null)))));
        foreach (var share in new[] { 1, 2, 3, 4, 5, 6, 7 })
        {
            yield return (target, Raw($"truncated at {share}/8", valid[..(valid.Length * share / 8)]));
        }
        yield return (target, Raw("truncated before the closing brace", valid[..^1]));
        yield return (target, Raw("a byte order mark before the valid body", [0xEF, 0xBB, 0xBF, .. valid]));
        yield return (target, Raw("1000 nested arrays", Utf8(new string('[', 1000) + new string(']', 1000))));
        yield return (target, Raw("1000 nested objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000))));
        yield return (target, Raw("1000 nested arrays in a field", Splice(target.Valid.With("deep", Marker), "\"" + Marker + "\"", Utf8(new string('[', 1000) + new string(']', 1000)))));
        foreach (var bytes in InvalidUtf8)
        {
            yield return (target, Raw($"invalid UTF-8 {Convert.ToHexString(bytes)} in a string", Splice(target.WithText("BAR-" + Marker), Marker, bytes)));
        }
        yield return (target, Raw("invalid UTF-8 in a property name", Splice(target.Valid.With(Marker, 1), Marker, [0xFF, 0xFE])));
        yield return (target, Raw("invalid UTF-8 outside strings", [.. valid[..^1], 0xFF, (byte)'}']));
        foreach (var escape in UnpairedSurrogates)
        {
            yield return (target, Raw($"unpaired surrogate {escape} in a string", Splice(target.WithText(Marker), Marker, Utf8(escape))));
        }
        yield return (target, Raw("unpaired surrogate in a property name", Splice(target.Valid.With(Marker, 1), Marker, Utf8("\\udfff"))));
        yield return (target, Raw("a raw control character in a string", Splice(target.WithText("BAR-" + Marker), Marker, [0x01])));
        yield return (target, Raw("a raw line break in a string", Splice(target.WithText("BAR-" + Marker), Marker, [0x0A])));
        yield return (target, Raw("a NUL byte after the body", [.. valid, 0x00]));
        yield return (target, Json(target, "a control character in a property name", target.Valid.With("x\u0007", 1)));
        if (!target.IsBatch)
        {
            yield return (target, Json(target, "a control character in a value", target.WithText("BAR\u000707")));
            yield return (target, Json(target, "a 1 MB string", target.WithText(new string('x', 1 << 20))));
        }
        var first = target.Valid.First();
        yield return (target, Raw($"{first.Key} given twice", Splice(target.Valid, "{", Utf8($"{{\"{first.Key}\":{first.Value!.ToJsonString()},"))));
        yield return (target, Json(target, "an unknown property holding 1 MB", target.Valid.With("note", new string('x', 1 << 20))));
        yield return (target, Json(target, "a property name of 1 MB", target.Valid.With(new string('x', 1 << 20), 1)));
        yield return (target, Raw("a number of 1 MB digits", Splice(target.Valid.With("note", Marker), "\"" + Marker + "\"", Utf8(new string('9', 1 << 20)))));
        yield return (target, Raw("a trailing comma", Utf8(target.Valid.ToJsonString()[..^1] + ",}")));
        yield return (target, Raw("a comment", Utf8("/* note */" + target.Valid.ToJsonString())));
        yield return (target, Raw("single quotes", Utf8(target.Valid.ToJsonString().Replace('"', '\''))));
        yield return (target, Raw("two bodies", [.. valid, .. valid]));
        foreach (var contentType in OtherContentTypes)
        {
            yield return (target, Raw($"valid body as {contentType}", valid, contentType));
        }
        yield return (target, Raw("valid body without a content type", valid, null));
        yield return (target, new Case(target.Name, "valid body as multipart/form-data", () => new MultipartFormDataContent { { new ByteArrayContent(valid), "record", "record.json" } }));
        if (target.IsBatch)
        {
            var record = ((JsonArray)target.Valid["records"]!)[0]!.AsObject();
            JsonObject Many(int count, JsonObject? padding = null) => new()
            {
                ["records"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)(padding ?? record).With("id", Guid.NewGuid().ToString())).ToArray()),
            };
            yield return (target, Json(target, "501 records", Many(501)));
            var padded = record.With("note", new string('x', 10_000));
            var huge = Utf8(Many(450, padded).ToJsonString());
            yield return (target, Raw("a 4.5 MB envelope", huge));
            yield return (target, Raw("a 4.5 MB envelope, chunked", huge, chunked: true));
            yield return (target, Json(target, "records holding a 1 MB string", new JsonObject { ["records"] = new string('x', 1 << 20) }));
            yield return (target, Json(target, "an object of records", new JsonObject { ["records"] = new JsonObject { ["0"] = record.DeepClone() } }));
        }
        else
        {
            yield return (target, Raw("a 100 KB body, chunked", Utf8(target.Valid.With("note", new string('x', 100_000)).ToJsonString()), chunked: true));
        }
        if (target.Name == "PostReport")
        {
            yield return (target, Raw("a period with from given twice", Utf8("{\"programme\":\"BAR\",\"period\":{\"from\":\"2022-01-01\",\"from\":\"2022-02-01\",\"to\":\"2022-03-31\"}}")));
            foreach (var period in new[] { "2022-13", "2022-Q5", "1999", "2022-00", "22", "2022-1", "2022\n", " 2022", "2022-03-01", "Q1-2022" })
            {
                yield return (target, Json(target, $"period {period}", target.Valid.With("period", period)));
            }
        }
    }

    private static Case Json(Target target, string what, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return new Case(target.Name, what, () => Content(bytes, "application/json"));
    }

    private static ByteArrayContent Content(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return content;
    }

    /// <summary>The body's UTF-8 with the first occurrence of <paramref name="find"/> replaced by raw bytes.</summary>
    private static byte[] Splice(JsonObject body, string find, byte[] replacement)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(find));
        Assert.True(at >= 0, $"'{find}' is not in the body.");
        return [.. bytes[..at], .. replacement, .. bytes[(at + find.Length)..]];
    }

    private static async Task<(int Status, string? MediaType)> SendAsync(HttpClient client, Target target, Case item)
    {
        using var request = new HttpRequestMessage(target.Method, target.Path) { Content = item.Content() };
        if (target.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", target.IfMatch);
        }
        if (item.Chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException e)
        {
            return (0, "no answer: " + e.Message);
        }
    }

    private static async Task<(JsonObject Record, string ETag)> StoreAsync(TestService service, string path, JsonObject record)
    {
        var response = await service.PostJsonAsync(path, record);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (record, response.Headers.ETag!.ToString());
    }

    /// <summary>Every row key of a kind's table, read straight from storage.</summary>
    private static async Task<List<string>> RowKeysAsync<T>(TestService service) where T : IFieldRecord
    {
        var table = typeof(T) == typeof(LogbookEntry) ? StoredRows.Entries : StoredRows.Activities;
        return (await new StoredRows(service.ConnectionString, service.TablePrefix).AllAsync(table)).Select(e => e.RowKey).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The rows one stored record has: its period row and its record row, in key order.</summary>
    private static List<string> RowKeysOf(JsonObject record)
    {
        var id = record["id"]!.GetValue<string>();
        var date = DateOnly.Parse(record["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        return [RecordKeys.PeriodRow(record["programme"]!.GetValue<string>(), date, id), RecordKeys.RecordRow(id)];
    }
}
