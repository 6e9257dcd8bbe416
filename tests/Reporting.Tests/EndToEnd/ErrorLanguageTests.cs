using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Error answers are said in the caller's language (Accept-Language: nl, fr, en; English otherwise), with the same
/// status, type and error keys in every language, and each message says what to send.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ErrorLanguageTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Unlimited = new() { ["Access:RequestsPerMinute"] = "100000" };

    /// <summary>An entry with several fields wrong: a municipality by name, a date as people write it, an unknown code, no themes.</summary>
    private static JsonObject WrongEntry() => Samples.Entry()
        .With("municipality", "Schaerbeek").Without("neighbourhood")
        .With("date", "14/03/2022")
        .With("place", "street")
        .With("themes", new JsonArray());

    private static async Task<(HttpResponseMessage Response, string Text, JsonObject Body)> SendAsync(HttpClient client, HttpRequestMessage request, string? language)
    {
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text, JsonNode.Parse(text)!.AsObject());
    }

    private static HttpRequestMessage Post(string path, JsonNode body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static string Message(JsonObject problem, string path) => problem["errors"]![path]![0]!.GetValue<string>();

    private static string? ContentLanguage(HttpResponseMessage response) => response.Content.Headers.ContentLanguage.SingleOrDefault();

    [Fact]
    public async Task ARecordPostedInFrenchOrDutchIsAnsweredInThatLanguageUnderTheSameKeys()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var entry = WrongEntry();

        var (en, _, english) = await SendAsync(service.Client, Post("/api/entries", entry), null);
        var (fr, _, french) = await SendAsync(service.Client, Post("/api/entries", entry), "fr");
        var (nl, _, dutch) = await SendAsync(service.Client, Post("/api/entries", entry), "nl");

        string[] keys = ["$.date", "$.municipality", "$.place", "$.themes"];
        foreach (var (response, problem) in new[] { (en, english), (fr, french), (nl, dutch) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(keys, problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
            Assert.Equal(english["type"]!.GetValue<string>(), problem["type"]!.GetValue<string>());
            Assert.Equal(400, problem["status"]!.GetValue<int>());
        }
        Assert.Equal("en", ContentLanguage(en));
        Assert.Equal("fr", ContentLanguage(fr));
        Assert.Equal("nl", ContentLanguage(nl));

        // "Schaerbeek" is not a NIS code: each language says to send one, such as 21015.
        Assert.Equal("A NIS code of the Brussels region, such as 21015 (GET /api/reference lists them).", Message(english, "$.municipality"));
        Assert.Equal("Un code INS de la Région bruxelloise, par exemple 21015 (GET /api/reference en donne la liste).", Message(french, "$.municipality"));
        Assert.Equal("Een NIS-code van het Brussels Gewest, zoals 21015 (GET /api/reference somt ze op).", Message(dutch, "$.municipality"));

        Assert.Equal("Expected a date as yyyy-MM-dd, such as 2022-03-14.", Message(english, "$.date"));
        Assert.Equal("Attendu : une date au format aaaa-MM-jj, par exemple 2022-03-14.", Message(french, "$.date"));
        Assert.Equal("Verwacht: een datum als jjjj-MM-dd, zoals 2022-03-14.", Message(dutch, "$.date"));

        // A short code list names its codes (valid codes only: the unknown one is not repeated).
        Assert.StartsWith("Unknown code in places: send one of office, outside, phone,", Message(english, "$.place"), StringComparison.Ordinal);
        Assert.StartsWith("Code inconnu dans places : envoyez l’un de office, outside, phone,", Message(french, "$.place"), StringComparison.Ordinal);
        Assert.StartsWith("Onbekende code in places: stuur een van office, outside, phone,", Message(dutch, "$.place"), StringComparison.Ordinal);
        Assert.DoesNotContain("street", french["errors"]!.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal("Give at least one.", Message(english, "$.themes"));
        Assert.Equal("Donnez-en au moins un.", Message(french, "$.themes"));
        Assert.Equal("Geef er minstens één.", Message(dutch, "$.themes"));

        Assert.Equal("The request has invalid fields.", english["title"]!.GetValue<string>());
        Assert.Equal("La requête contient des champs non valides.", french["title"]!.GetValue<string>());
        Assert.Equal("Het verzoek heeft ongeldige velden.", dutch["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("fr-BE", "fr")]
    [InlineData("nl-BE,nl;q=0.9,en;q=0.8", "nl")]
    [InlineData("en;q=0.3, nl;q=0.5, fr;q=0.9", "fr")]
    [InlineData("fr;q=0.4, nl;q=0.8", "nl")]
    [InlineData("de-DE, nl;q=0.2", "nl")]
    [InlineData("nl;q=0, fr;q=0.1", "fr")]
    [InlineData("nl;q=0", "en")]
    [InlineData("de, es;q=0.8", "en")]
    [InlineData("*", "en")]
    [InlineData("fr, nl", "fr")]
    [InlineData("NL", "nl")]
    [InlineData(null, "en")]
    public async Task TheLanguageIsTheCallersHighestQualityAmongDutchFrenchAndEnglish(string? acceptLanguage, string expected)
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var municipality = new Dictionary<string, string>
        {
            ["en"] = "A NIS code of the Brussels region",
            ["fr"] = "Un code INS de la Région bruxelloise",
            ["nl"] = "Een NIS-code van het Brussels Gewest",
        };

        var (response, _, problem) = await SendAsync(service.Client, Post("/api/entries", WrongEntry()), acceptLanguage);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, ContentLanguage(response));
        Assert.StartsWith(municipality[expected], Message(problem, "$.municipality"), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task AnswersKeepAccentedLettersAsTheyAreAndEscapeHtmlCharacters()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);

        var (_, problem, _) = await SendAsync(service.Client, Post("/api/entries", WrongEntry()), "fr");
        var (_, batch, _) = await SendAsync(service.Client, Post("/api/entries/batch", Samples.Batch([WrongEntry()])), "fr");
        var activity = Samples.Activity().With("name", "Café & thé <atelier>");
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", activity)).StatusCode);
        var record = await service.Client.GetStringAsync($"/api/activities/{activity["id"]}");
        var reference = await service.Client.GetStringAsync("/api/reference");

        // The raw text, as a client that does not decode escapes reads it.
        foreach (var text in new[] { problem, batch })
        {
            Assert.Contains("Région bruxelloise", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u00E9", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Café \\u0026 thé \\u003Catelier\\u003E", record, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Énergie", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00E9", reference, StringComparison.OrdinalIgnoreCase);
        // An apostrophe is one of the characters HTML treats specially: escaped, while the letter after it is not.
        Assert.Contains("besoin d\\u0027écoute", reference, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ABatchAnswerSaysItsRecordsProblemsInTheCallersLanguage()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);

        var (response, _, body) = await SendAsync(service.Client, Post("/api/entries/batch", Samples.Batch([Samples.Entry(), WrongEntry()])), "nl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nl", ContentLanguage(response));
        var results = body["results"]!.AsArray();
        Assert.Equal("created", results[0]!["status"]!.GetValue<string>());
        Assert.Equal("invalid", results[1]!["status"]!.GetValue<string>());
        Assert.Equal("Een NIS-code van het Brussels Gewest, zoals 21015 (GET /api/reference somt ze op).", results[1]!["errors"]!["$.municipality"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ACorrectionWithoutAnETagIsAskedForOneWithTheTypeOf428()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var entry = Samples.Entry();
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", entry)).StatusCode);
        var path = $"/api/entries/{entry["id"]}";

        var (none, _, missing) = await SendAsync(service.Client, Samples.Put(path, entry, null), null);
        var (star, _, any) = await SendAsync(service.Client, Samples.Put(path, entry, "*"), null);
        var (french, _, frenchAny) = await SendAsync(service.Client, Samples.Put(path, entry, "*"), "fr");

        foreach (var (response, problem) in new[] { (none, missing), (star, any), (french, frenchAny) })
        {
            Assert.Equal((HttpStatusCode)428, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-3", problem["type"]?.GetValue<string>());
        }
        Assert.Contains("ETag", missing["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("If-Match: * is not accepted: send the ETag from the record's GET", any["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("If-Match: * n’est pas accepté : envoyez l’ETag du GET", frenchAny["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("If-Match requis", frenchAny["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task TooManyRequestsAreAnsweredWithTheTypeOf429InTheCallersLanguage()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:RequestsPerMinute"] = "1" });

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/reference")).StatusCode);
        var (response, _, problem) = await SendAsync(service.Client, new HttpRequestMessage(HttpMethod.Get, "/api/reference"), "nl");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem["type"]?.GetValue<string>());
        Assert.Equal("Te veel verzoeken", problem["title"]!.GetValue<string>());
        Assert.Contains("Retry-After", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("nl", ContentLanguage(response));
    }

    [Fact]
    public async Task NoKeyAndAnUnknownKeyAreToldWhatToSend()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        using var anonymous = service.ClientWithKey(null);
        using var wrong = service.ClientWithKey("not-a-key");

        var (none, _, noKey) = await SendAsync(anonymous, new HttpRequestMessage(HttpMethod.Get, "/api/reference"), null);
        var (unknown, _, wrongKey) = await SendAsync(wrong, new HttpRequestMessage(HttpMethod.Get, "/api/reference"), null);
        var (_, _, french) = await SendAsync(wrong, new HttpRequestMessage(HttpMethod.Get, "/api/reference"), "fr");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.StartsWith("Send your API key in the X-Api-Key header, or sign in", noKey["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("The API key sent in the X-Api-Key header is not known: send the key you were given", wrongKey["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("La clé d’API envoyée dans l’en-tête X-Api-Key est inconnue", french["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Non authentifié", french["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheFrameworksOwnProblemsAreSaidInTheCallersLanguageToo()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);

        var (response, _, problem) = await SendAsync(service.Client, new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route"), "fr");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Introuvable", problem["title"]!.GetValue<string>());
        Assert.Equal("fr", ContentLanguage(response));
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportRequestAndTheRecordsOfAnotherProgrammeAreRefusedInTheCallersLanguage()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);

        var (report, _, period) = await SendAsync(service.Client,
            Post("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "Q1 2022", ["municipality"] = "Schaerbeek" }), "nl");
        var (forbidden, _, other) = await SendAsync(service.Client, Post("/api/entries", Samples.Entry().With("programme", "CHW").With("workerCode", "CHW-3")), "fr");

        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.Equal("Verwacht: een maand (2022-03), een kwartaal (2022-Q1) of een jaar (2022).", Message(period, "$.period"));
        Assert.StartsWith("Een NIS-code van het Brussels Gewest, zoals 21015", Message(period, "$.municipality"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Interdit", other["title"]!.GetValue<string>());
        Assert.Equal("Le programme CHW n’est pas l’un des vôtres (les vôtres : BAR).", other["detail"]!.GetValue<string>());
    }
}
