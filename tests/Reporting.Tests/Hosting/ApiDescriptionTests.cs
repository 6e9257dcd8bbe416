using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;
using Reporting.Domain;
using Reporting.LocalHost;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>
/// GET /api/openapi.json describes every HTTP function (as their attributes declare them) in OpenAPI 3.1, the
/// requests of requests.http validate against it and are answered as it says, and GET /api/docs is an
/// interactive reference that loads nothing from outside the service.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class ApiDescriptionTests(AzuriteFixture azurite)
{
    private static readonly string RequestsHttp = Path.Combine(RepositoryRoot.Path, "requests.http");

    private static async Task<(string Text, OpenApiDescription Description)> DescriptionAsync(TestService service)
    {
        using var response = await service.ClientWithKey(null).GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (text, new OpenApiDescription(JsonNode.Parse(text)!.AsObject()));
    }

    /// <summary>Every HTTP function and method, read from the attributes as the local host reads them (held to functions.metadata by FunctionLayoutTests).</summary>
    private static List<(string Name, string Method, string Path)> HttpFunctions()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReportQueue"] = "q", ["MonthlyReportsSchedule"] = "m", ["QuarterlyReportsSchedule"] = "q", ["YearlyReportsSchedule"] = "y",
        }).Build();
        return [.. FunctionIndex.Of(typeof(Reporting.Hosting.ReportingServices).Assembly, settings)
            .Where(f => f.Trigger == TriggerKind.Http)
            .SelectMany(f => f.HttpMethods.Select(m => (f.Name, m, $"/{FunctionIndex.RoutePrefix}/{f.Route}")))];
    }

    [Fact]
    public async Task TheDescriptionIsOpenApi31ThatMicrosoftOpenApiReadsAndValidatesWithoutErrors()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (text, description) = await DescriptionAsync(service);

        Assert.Matches(@"^3\.1\.\d+$", description.Document["openapi"]!.GetValue<string>());
        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        var scheme = document.Components!.SecuritySchemes!["apiKey"]!;
        Assert.Equal(SecuritySchemeType.ApiKey, scheme.Type);
        Assert.Equal(ParameterLocation.Header, scheme.In);
        Assert.Equal("X-Api-Key", scheme.Name);
        // null is a value only where a schema lists it (enum); anywhere else it is a field OpenAPI does not take.
        var misplaced = Nulls(description.Document, "$").Where(path => !path.Contains(".enum[", StringComparison.Ordinal)).ToList();
        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    private static IEnumerable<string> Nulls(JsonNode? node, string path) => node switch
    {
        null => [path],
        JsonObject o => o.SelectMany(p => Nulls(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Nulls(item, $"{path}[{i}]")),
        _ => [],
    };

    [Fact]
    public async Task EveryHttpFunctionIsDescribedWithItsMethodAndRouteAndNothingElseIs()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);

        var functions = HttpFunctions().Select(f => $"{f.Method} {f.Path} {f.Name}").Order(StringComparer.Ordinal).ToList();
        var described = description.Operations.Select(o => $"{o.Method} {o.PathTemplate} {o.Id}").Order(StringComparer.Ordinal).ToList();

        Assert.True(functions.Count >= 20, string.Join("\n", functions));
        Assert.Equal(functions, described);
        foreach (var operation in description.Operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.Operation["summary"]?.GetValue<string>()), $"{operation.Id} has no summary.");
            var statuses = operation.Operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.Contains(statuses, s => s.StartsWith('2'));
            Assert.Contains("429", statuses);
            if (!operation.Anonymous)
            {
                Assert.Contains("401", statuses);
                Assert.Contains("403", statuses);
            }
            // Every refusal is problem+json.
            foreach (var refusal in operation.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' && r.Value!["content"] is not null))
            {
                Assert.True(refusal.Value!["content"]!["application/problem+json"] is not null, $"{operation.Id} {refusal.Key} is not problem+json.");
            }
            foreach (var parameter in Regex.Matches(operation.PathTemplate, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
            {
                Assert.Contains(parameter, operation.Parameters("path").Select(p => p["name"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public async Task EveryRequestOfRequestsHttpIsADescribedOperationAndItsBodyValidatesAgainstItsSchema()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);
        var examples = RequestsFile.Read(RequestsHttp);

        Assert.True(examples.Count >= 10, $"requests.http has {examples.Count} requests.");
        Assert.Contains(examples, e => e.Body is not null);
        var problems = new List<string>();
        foreach (var example in examples)
        {
            var operation = description.Find(example.Method, example.Path);
            if (operation is null)
            {
                problems.Add($"{example}: no operation of the description.");
                continue;
            }
            problems.AddRange(operation.Required("query").Except(example.QueryNames).Select(q => $"{example}: lacks the required query parameter {q}."));
            problems.AddRange(operation.Required("header").Where(h => !example.Headers.ContainsKey(h)).Select(h => $"{example}: lacks the required header {h}."));
            if (!operation.Anonymous && !example.Headers.ContainsKey("X-Api-Key"))
            {
                problems.Add($"{example}: sends no X-Api-Key, which {operation.Id} needs.");
            }
            if (operation.RequestSchema is { } schema)
            {
                if (example.Body is null)
                {
                    problems.Add($"{example}: {operation.Id} takes a body; the example has none.");
                    continue;
                }
                Assert.Equal("application/json", example.Headers.GetValueOrDefault("Content-Type"));
                problems.AddRange(description.Validate(schema, JsonNode.Parse(example.Body)).Select(p => $"{example}: {p}"));
            }
            else if (example.Body is not null)
            {
                problems.Add($"{example}: has a body; {operation.Id} takes none.");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The check above can fail: bodies that break the record contract are refused by the schemas.</summary>
    [Theory]
    [InlineData("POST", "/api/entries", "themes", null)]
    [InlineData("POST", "/api/entries", "place", "\"garden\"")]
    [InlineData("POST", "/api/entries", "date", "\"14/03/2022\"")]
    [InlineData("POST", "/api/entries", "id", "\"not-a-uuid\"")]
    [InlineData("POST", "/api/entries", "themes", "[]")]
    [InlineData("POST", "/api/entries", "themes", "[\"E\", \"E\"]")]
    [InlineData("POST", "/api/entries", "workerCode", "\"Jan Peeters\"")]
    [InlineData("POST", "/api/entries", "nickname", "\"Jan\"")]
    [InlineData("POST", "/api/entries", "municipality", "\"1000\"")]
    [InlineData("POST", "/api/activities", "name", null)]
    [InlineData("POST", "/api/activities", "participants", "-1")]
    [InlineData("POST", "/api/activities", "workerCodes", "\"BAR-07\"")]
    [InlineData("POST", "/api/reports", "period", "\"March\"")]
    [InlineData("POST", "/api/reports", "language", "\"de\"")]
    [InlineData("POST", "/api/entries/batch", "records", "{}")]
    public async Task ABodyThatBreaksTheContractFailsValidation(string method, string path, string field, string? value)
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);
        var example = RequestsFile.Read(RequestsHttp).First(e => e.Method == method && e.Path == path && e.Body is not null);
        var schema = description.Find(method, path)!.RequestSchema!;
        var body = JsonNode.Parse(example.Body!)!.AsObject();
        Assert.Empty(description.Validate(schema, body));

        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(value);
        }

        Assert.NotEmpty(description.Validate(schema, body));
    }

    [Fact]
    public async Task ARecordWithoutMunicipalityAndNeighbourhoodFailsAndOneWithEitherPasses()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);
        var schema = description.Find("POST", "/api/entries")!.RequestSchema!;

        Assert.Empty(description.Validate(schema, Samples.Entry().Without("neighbourhood")));
        Assert.Empty(description.Validate(schema, Samples.Entry().Without("municipality")));
        Assert.NotEmpty(description.Validate(schema, Samples.Entry().Without("municipality").Without("neighbourhood")));
        Assert.NotEmpty(description.Validate(schema, Samples.Entry().With("municipality", null).Without("neighbourhood")));
    }

    [Fact]
    public async Task TheRecordSchemasTakeTheirCodeListsFromTheReferenceData()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);
        var schemas = description.Document["components"]!["schemas"]!;
        var reference = ReferenceCatalog.Current;
        static List<string?> Values(JsonNode? list) => [.. list!.AsArray().Select(v => v?.GetValue<string>())];

        Assert.Equal(reference.Themes.Codes.Select(c => c.Value), Values(schemas["LogbookEntry"]!["properties"]!["themes"]!["items"]!["enum"]));
        Assert.Equal(reference.NonTakeUp.Codes.Select(c => c.Value), Values(schemas["LogbookEntry"]!["properties"]!["nonTakeUp"]!["items"]!["enum"]));
        Assert.Equal(reference.Programmes.Codes.Select(c => c.Value), Values(schemas["CollectiveActivity"]!["properties"]!["programme"]!["enum"]));
        Assert.Equal(reference.ActivityFormats.Codes.Select(c => c.Value), Values(schemas["CollectiveActivity"]!["properties"]!["format"]!["enum"]));
        Assert.Equal(reference.Municipalities.Select(m => m.Nis).Append(null), Values(schemas["LogbookEntry"]!["properties"]!["municipality"]!["enum"]));
        Assert.Equal(["id", "programme", "workerCode", "date", "firstContact", "initiative", "place", "actions", "nonTakeUp", "themes"],
            Values(schemas["LogbookEntry"]!["required"]));
        Assert.Equal("uuid", schemas["LogbookEntry"]!["properties"]!["id"]!["format"]!.GetValue<string>());
        Assert.Equal("date", schemas["CollectiveActivity"]!["properties"]!["date"]!["format"]!.GetValue<string>());
    }

    /// <summary>
    /// requests.http replayed in order against the service: each answer's status is one the description gives for
    /// its operation, and each JSON answer validates against the schema described for that status.
    /// </summary>
    [Fact]
    public async Task EveryRequestOfRequestsHttpIsAnsweredAsTheDescriptionSays()
    {
        await using var service = await TestService.StartAsync(azurite);
        var (_, description) = await DescriptionAsync(service);
        using var client = service.ClientWithKey(null);
        var named = new Dictionary<string, HttpResponseMessage>(StringComparer.Ordinal);
        var problems = new List<string>();
        try
        {
            foreach (var example in RequestsFile.Read(RequestsHttp))
            {
                var operation = description.Find(example.Method, example.Path)!;
                using var request = new HttpRequestMessage(new HttpMethod(example.Method), Substitute(example.PathAndQuery, named));
                foreach (var (name, value) in example.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                {
                    request.Headers.TryAddWithoutValidation(name, Substitute(value, named));
                }
                if (example.Body is not null)
                {
                    request.Content = new StringContent(example.Body, Encoding.UTF8, "application/json");
                }
                var response = await client.SendAsync(request);
                if (example.Name is not null)
                {
                    named[example.Name] = response;
                }
                var status = (int)response.StatusCode;
                if (operation.Response(status) is not { } described)
                {
                    problems.Add($"{example}: answered {status}, which {operation.Id} does not describe.");
                    continue;
                }
                var media = response.Content.Headers.ContentType?.MediaType;
                if (media is "application/json" or "application/problem+json")
                {
                    var schema = described["content"]?[media]?["schema"];
                    if (schema is null)
                    {
                        problems.Add($"{example}: answered {status} {media}, which {operation.Id} does not describe.");
                        continue;
                    }
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    problems.AddRange(description.Validate(schema, body).Select(p => $"{example}: answered {status}: {p}"));
                }
            }
        }
        finally
        {
            foreach (var response in named.Values)
            {
                response.Dispose();
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The variables of requests.http: {{key}} (the coordinator's key here) and {{name.response.headers.X}}.</summary>
    private static string Substitute(string text, Dictionary<string, HttpResponseMessage> named) => Variable().Replace(text, m =>
    {
        var parts = m.Groups[1].Value.Split('.');
        return parts switch
        {
            ["key"] => TestKeys.Coordinator,
            [var name, "response", "headers", var header] => named[name].Headers.TryGetValues(header, out var values) ? values.First() : "",
            _ => throw new InvalidOperationException($"requests.http uses a variable the test does not know: {m.Value}."),
        };
    });

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Variable();

    [Fact]
    public async Task TheReferencePageLoadsOnlyTheServicesOwnScriptWhichIsServedFromThePackage()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var client = service.ClientWithKey(null);

        using var page = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        // Nothing from elsewhere: no absolute URL at all, and no inline script (the policy forbids both).
        Assert.DoesNotMatch(@"(?i)(https?:)?//[a-z0-9]", html);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        var scripts = Regex.Matches(html, @"<script\b([^>]*)>(.*?)</script>", RegexOptions.Singleline);
        Assert.All(scripts, s => Assert.Equal("", s.Groups[2].Value.Trim()));
        var sources = scripts.Select(s => Regex.Match(s.Groups[1].Value, "src=\"([^\"]+)\"")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Single(sources);
        Assert.StartsWith("/api/", sources[0], StringComparison.Ordinal);
        Assert.Contains("data-url=\"/api/openapi.json\"", html, StringComparison.Ordinal);

        using var script = await client.GetAsync(sources[0]);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Empty(script.Content.Headers.ContentEncoding);
        var javascript = await script.Content.ReadAsStringAsync();
        Assert.True(javascript.Length > 1_000_000, $"The script has {javascript.Length} characters.");
        Assert.Contains("createApiReference", javascript, StringComparison.Ordinal);

        // A client that takes gzip gets the package's compressed bytes as they are.
        using var compressed = new HttpRequestMessage(HttpMethod.Get, sources[0]);
        compressed.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzip = await client.SendAsync(compressed);
        Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        await using var unzipped = new System.IO.Compression.GZipStream(await gzip.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(javascript, await new StreamReader(unzipped).ReadToEndAsync());
    }

    [Fact]
    public void RequestsFileReadsMethodPathHeadersAndBodyOfEachRequest()
    {
        var examples = RequestsFile.Parse("""
            @base = http://127.0.0.1:7071
            ### first
            # @name one
            POST {{base}}/api/entries?x=1
            X-Api-Key: {{key}}
            Content-Type: application/json

            {"a": 1}

            ### second, without body
            GET {{base}}/api/health
            """.Split('\n'));

        Assert.Equal(2, examples.Count);
        Assert.Equal(("one", "POST", "/api/entries", "{\"a\": 1}"), (examples[0].Name, examples[0].Method, examples[0].Path, examples[0].Body));
        Assert.Equal(["x"], examples[0].QueryNames);
        Assert.Equal("application/json", examples[0].Headers["content-type"]);
        Assert.Equal(("GET", "/api/health", (string?)null), (examples[1].Method, examples[1].Path, examples[1].Body));
    }
}
