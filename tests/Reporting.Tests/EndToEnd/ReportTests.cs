using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Domain;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Reports end to end: records posted over HTTP, a report requested and downloaded, the workbook opened and its
/// figures compared with a count the test makes itself from what it posted.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2022, 4, 10, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Municipalities = ["21015", "21015", "21015", "21001", "21001", "21012", "21004", "21009"];
    private static readonly string[] Themes = ["E", "K", "F", "D", "S", "P", "C", "X", "G"];
    private static readonly string[] Mechanisms = ["non-knowledge", "non-receipt", "non-request", "exclusion", "non-proposal"];

    private static Task<TestService> StartAsync(AzuriteFixture azurite) =>
        TestService.StartAsync(azurite, new Dictionary<string, string?>(),
            services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));

    /// <summary>Entries with codes drawn from skewed lists; a few fall just outside March to test the period edges.</summary>
    private static List<JsonObject> Entries(int count, Random random)
    {
        var dates = new[] { "2022-02-28", "2022-04-01" };
        return Enumerable.Range(0, count).Select(i =>
        {
            var date = i < dates.Length ? dates[i] : $"2022-03-{random.Next(1, 32):00}";
            var themes = Themes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
            var mechanisms = Mechanisms.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray();
            return Samples.Entry(date: date)
                .Without("neighbourhood")
                .With("municipality", Municipalities[random.Next(Municipalities.Length)])
                .With("themes", new JsonArray(themes.Select(t => (JsonNode)t).ToArray()))
                .With("nonTakeUp", new JsonArray(mechanisms.Select(m => (JsonNode)m).ToArray()));
        }).ToList();
    }

    private static async Task PostAllAsync(TestService service, string path, IReadOnlyList<JsonObject> records)
    {
        foreach (var chunk in records.Chunk(100))
        {
            var response = await service.PostJsonAsync(path, Samples.Batch(chunk));
            var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
            Assert.All(results, r => Assert.Equal("created", r!["status"]!.GetValue<string>()));
        }
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Fact]
    public async Task AReportOfPostedRecordsHasTheTotalsAndCrossedTablesTheRecordsGive()
    {
        await using var service = await StartAsync(azurite);
        var random = new Random(20220331);
        var entries = Entries(300, random);
        var activities = Enumerable.Range(0, 40).Select(i => Samples.Activity(date: $"2022-03-{i % 28 + 1:00}")
            .With("municipality", Municipalities[i % Municipalities.Length]).With("postcode", null)
            .With("themes", new JsonArray(Themes.Skip(i % 5).Take(1 + i % 3).Select(t => (JsonNode)t).ToArray()))
            .With("participants", i)).ToList();
        await PostAllAsync(service, "/api/entries/batch", entries);
        await PostAllAsync(service, "/api/activities/batch", activities);

        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        Assert.Equal("ready", status["status"]!.GetValue<string>());
        var download = await service.Client.GetAsync(status["downloadUrl"]!.GetValue<string>());

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Reporting_BAR_2022-03_en.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new MemoryStream(await download.Content.ReadAsByteArrayAsync());

        // The test's own count of what it posted.
        var march = entries.Where(e => e["date"]!.GetValue<string>().StartsWith("2022-03", StringComparison.Ordinal)).ToList();
        Assert.Equal(298, march.Count);
        var summary = WorkbookReader.ReadSheet(workbook, "Summary");
        Assert.Equal(298.0, ValueOf(summary, "Individual interventions"));
        Assert.Equal(40.0, ValueOf(summary, "Collective actions"));
        Assert.Equal((double)Enumerable.Range(0, 40).Sum(), ValueOf(summary, "Participants (sum)"));
        Assert.Equal(298L, status["entries"]!.GetValue<long>());
        Assert.Equal("hidden (< 5) and audited, for publication", TextOf(summary, "Small counts"));

        var municipalityByTheme = Table(WorkbookReader.ReadSheet(workbook, "Municipality × theme"));
        foreach (var municipality in Municipalities.Distinct())
        {
            foreach (var theme in Themes)
            {
                var expected = march.Count(e => e["municipality"]!.GetValue<string>() == municipality && Strings(e["themes"]).Contains(theme));
                Assert.Equal((double)expected, municipalityByTheme[(municipality, theme)]);
            }
        }
        Assert.Equal(0.0, municipalityByTheme[("21019", "A")]);

        var themeByMechanism = Table(WorkbookReader.ReadSheet(workbook, "Theme × non-take-up"));
        var mechanismLabels = ReferenceCatalog.Current.NonTakeUp.Codes.ToDictionary(c => c.Value, c => c.Label.En);
        foreach (var theme in Themes)
        {
            foreach (var mechanism in Mechanisms)
            {
                var expected = march.Count(e => Strings(e["themes"]).Contains(theme) && Strings(e["nonTakeUp"]).Contains(mechanism));
                Assert.Equal((double)expected, themeByMechanism[(theme, mechanismLabels[mechanism])]);
            }
        }
    }

    [Fact]
    public async Task AReportHidesCountsBelowTheConfiguredThresholdUnlessACoordinatorAsksForTheUnsuppressedWorkbook()
    {
        await using var service = await TestService.StartAsync(azurite,
            new Dictionary<string, string?> { ["Reports:SmallCellThreshold"] = "8" },
            services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));
        var entries = Entries(40, new Random(8));
        await PostAllAsync(service, "/api/entries/batch", entries);
        var march = entries.Where(e => e["date"]!.GetValue<string>().StartsWith("2022-03", StringComparison.Ordinal)).ToList();

        async Task<MemoryStream> WorkbookAsync(JsonObject request)
        {
            var requested = await service.PostJsonAsync("/api/reports", request);
            var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
            Assert.Equal("ready", status["status"]!.GetValue<string>());
            return new MemoryStream(await service.Client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));
        }
        using var fundersWorkbook = await WorkbookAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" });
        using var coordinatorsWorkbook = await WorkbookAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en", ["suppressSmallCells"] = false });
        var funders = WorkbookReader.ReadSheet(fundersWorkbook, "Interventions per municipality");
        var coordinators = WorkbookReader.ReadSheet(coordinatorsWorkbook, "Interventions per municipality");

        var small = 0;
        foreach (var municipality in Municipalities.Distinct())
        {
            var expected = march.Count(e => e["municipality"]!.GetValue<string>() == municipality);
            if (expected is >= 1 and < 8)
            {
                small++;
                Assert.Equal("<8", funders.First(r => r[0] as string == municipality)[2]);
            }
            Assert.Equal((double)expected, coordinators.First(r => r[0] as string == municipality)[2]);
        }
        Assert.True(small > 0, "no municipality with a small count");
        Assert.Equal("hidden (< 8) and audited, for publication", TextOf(WorkbookReader.ReadSheet(fundersWorkbook, "Summary"), "Small counts"));
        Assert.Equal("shown: internal working document, do not publish", TextOf(WorkbookReader.ReadSheet(coordinatorsWorkbook, "Summary"), "Small counts"));
    }

    [Fact]
    public async Task AReportOfAnEmptyPeriodIsAValidWorkbookThatSaysSo()
    {
        await using var service = await StartAsync(azurite);

        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-05", ["language"] = "en" });
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        using var workbook = new MemoryStream(await service.Client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));

        Assert.Equal("ready", status["status"]!.GetValue<string>());
        var summary = WorkbookReader.ReadSheet(workbook, "Summary");
        Assert.Contains(summary, row => row.Any(c => c is string s && s.Contains("no records", StringComparison.Ordinal)));
        Assert.Equal(0.0, ValueOf(summary, "Individual interventions"));
    }

    [Fact]
    public async Task TheMonthlyTimerProducesTheClosedMonthsReportsOnceHoweverOftenItRuns()
    {
        await using var service = await StartAsync(azurite);
        await PostAllAsync(service, "/api/entries/batch", Entries(20, new Random(7)));

        await service.RunFunctionAsync("MonthlyReports");

        // March has closed; February (one record on the 28th) had no report yet either: both are produced.
        var listed = await ReportPolling.WaitUntilAllDoneAsync(service.Client, "/api/reports?programme=BAR");
        Assert.Equal(["BAR_2022-02_fr", "BAR_2022-02_nl", "BAR_2022-03_fr", "BAR_2022-03_nl"], listed.Select(r => r!["id"]!.GetValue<string>()).Order());
        Assert.All(listed, r => Assert.Equal("ready", r!["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync(listed[0]!["downloadUrl"]!.GetValue<string>())).StatusCode);

        // Run again, it asks for nothing: every report stays as it was made (a request would show it queued at once).
        await service.RunFunctionAsync("MonthlyReports");
        var again = (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray();
        Assert.Equal(listed.Select(r => (r!["id"]!.GetValue<string>(), "ready", r["completedAt"]!.GetValue<DateTimeOffset>())),
            again.Select(r => (r!["id"]!.GetValue<string>(), r["status"]!.GetValue<string>(), r["completedAt"]!.GetValue<DateTimeOffset>())));
    }

    [Fact]
    public async Task ConfiguredScheduledLanguagesReplaceTheDefaultOnes()
    {
        await using var service = await TestService.StartAsync(azurite,
            new Dictionary<string, string?> { ["Reports:ScheduledLanguages:0"] = "en" },
            services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));
        await PostAllAsync(service, "/api/entries/batch", Entries(20, new Random(7)));

        await service.RunFunctionAsync("MonthlyReports");

        var listed = await ReportPolling.WaitUntilAllDoneAsync(service.Client, "/api/reports?programme=BAR");
        Assert.Equal(["BAR_2022-02_en", "BAR_2022-03_en"], listed.Select(r => r!["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task TheListGivesAPeriodsReportsAndThoseWithinItNewestFirstAndNamesAnInvalidFilter()
    {
        await using var service = await StartAsync(azurite);
        await PostAllAsync(service, "/api/entries/batch", Entries(20, new Random(9)));
        foreach (var period in new[] { "2022-02", "2022-Q1", "2022-03", "2021-12" })
        {
            var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = period, ["language"] = "en", ["suppressSmallCells"] = false });
            await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        }
        async Task<string[]> ListAsync(string query) =>
            (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR" + query))!["reports"]!.AsArray().Select(r => r!["period"]!.GetValue<string>()).ToArray();

        Assert.Equal(["2022-03", "2022-02", "2022-Q1", "2021-12"], await ListAsync(""));
        Assert.Equal(["2022-03", "2022-02", "2022-Q1"], await ListAsync("&period=2022"));
        Assert.Equal(["2022-03", "2022-02", "2022-Q1"], await ListAsync("&period=2022-Q1"));
        Assert.Equal(["2022-02"], await ListAsync("&period=2022-02"));
        Assert.Equal(["2022-Q1"], await ListAsync("&kind=quarter"));
        Assert.Equal(["2022-03", "2022-02"], await ListAsync("&period=2022&kind=month"));

        // Pages of one follow the same order, each report once, and the last has no next link.
        var paged = new List<string>();
        for (var url = "/api/reports?programme=BAR&limit=1"; url is not null;)
        {
            Assert.True(paged.Count < 10, "The list never ended.");
            var page = (await service.Client.GetFromJsonAsync<JsonObject>(url))!;
            paged.AddRange(page["reports"]!.AsArray().Select(r => r!["period"]!.GetValue<string>()));
            url = page["next"]?.GetValue<string>()!;
        }
        Assert.Equal(["2022-03", "2022-02", "2022-Q1", "2021-12"], paged);
        var two = (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR&period=2022&limit=2"))!;
        Assert.Equal(["2022-03", "2022-02"], two["reports"]!.AsArray().Select(r => r!["period"]!.GetValue<string>()));
        Assert.Equal(["2022-Q1"], (await service.Client.GetFromJsonAsync<JsonObject>(two["next"]!.GetValue<string>()))!["reports"]!.AsArray().Select(r => r!["period"]!.GetValue<string>()));

        var invalid = await service.Client.GetAsync("/api/reports?programme=BAR&period=2022-13&kind=week&limit=0&cursor=x");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["query cursor", "query kind", "query limit", "query period"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task AnInvalidReportRequestNamesItsFields()
    {
        await using var service = await StartAsync(azurite);

        var response = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-13" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.period"], (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task AnUnknownReportIsNotFound()
    {
        await using var service = await StartAsync(azurite);

        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/api/reports/BAR_2020-01_nl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/api/reports/nonsense/workbook")).StatusCode);
    }
}
