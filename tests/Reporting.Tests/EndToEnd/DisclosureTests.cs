using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Disclosure;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Disclosure control through the service: what funders may see, the audit of a family of funder workbooks made one
/// after the other, and a workbook that shows exactly what its kept record of published counts says.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class DisclosureTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2022, 4, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<string> BrusselsParts = ReferenceCatalog.Current.FindMunicipality("21004")!.Parts.Select(p => p.Code).ToList();

    private static Task<TestService> StartAsync(AzuriteFixture azurite) =>
        TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:RequestsPerMinute"] = "100000" },
            services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));

    private static async Task<JsonObject> ReportAsync(TestService service, JsonObject request)
    {
        var requested = await service.PostJsonAsync("/api/reports", request);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(50));
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString());
        return status;
    }

    /// <summary>Entries over a quarter with a skew: some municipalities and themes far ahead, others rare.</summary>
    private static List<JsonObject> Entries(int count, int seed)
    {
        var random = new Random(seed);
        string[] municipalities = ["21015", "21015", "21015", "21001", "21012", "21004", "21009"];
        string[] themes = ["E", "E", "K", "F", "D", "S", "A", "P"];
        return Enumerable.Range(0, count).Select(i => Samples.Entry(date: $"2022-{i % 3 + 1:00}-{i % 28 + 1:00}")
            .Without("neighbourhood")
            .With("municipality", municipalities[random.Next(municipalities.Length)])
            .With("themes", new JsonArray(themes.Distinct().OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(t => (JsonNode)t).ToArray()))
            .With("nonTakeUp", random.Next(3) == 0 ? new JsonArray("exclusion") : new JsonArray())).ToList();
    }

    private static async Task PostAsync(TestService service, IEnumerable<JsonObject> entries)
    {
        foreach (var chunk in entries.Chunk(200))
        {
            Assert.Equal(HttpStatusCode.OK, (await service.PostJsonAsync("/api/entries/batch", Samples.Batch(chunk))).StatusCode);
        }
    }

    [Fact]
    public async Task FundersSeeOnlyAWholeProgrammesMonthsQuartersAndYears()
    {
        await using var service = await StartAsync(azurite);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        await PostAsync(service, Entries(60, 1));
        var month = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" });
        var others = new List<JsonObject>
        {
            await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en", ["municipality"] = "21015" }),
            await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en", ["campaign"] = "energy-2022" }),
            await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = new JsonObject { ["from"] = "2022-03-01", ["to"] = "2022-03-15" }, ["language"] = "en" }),
        };

        var listed = (await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();

        Assert.Equal([month["id"]!.GetValue<string>()], listed);
        foreach (var other in others)
        {
            Assert.NotEqual(HttpStatusCode.OK, (await funder.GetAsync(other["statusUrl"]!.GetValue<string>())).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await funder.GetAsync(other["statusUrl"]!.GetValue<string>() + "/workbook")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync(month["downloadUrl"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task MonthsThenTheirQuarterArePublishedSoThatTheWholeFamilyPassesTheAuditAndEachWorkbookShowsWhatItsRecordSays()
    {
        await using var service = await StartAsync(azurite);
        await PostAsync(service, Entries(240, 2));
        var reports = new List<JsonObject>();
        foreach (var period in new[] { "2022-01", "2022-02", "2022-03", "2022-Q1" })
        {
            reports.Add(await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = period, ["language"] = "en" }));
        }
        // The same quarter in Dutch: a second workbook of the same counts, in the family too.
        reports.Add(await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-Q1", ["language"] = "nl" }));
        var storage = Options.Create(new StorageOptions { TablePrefix = service.TablePrefix });
        var workbooks = new WorkbookStore(new BlobServiceClient(service.ConnectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion)), storage);
        var index = service.Services.GetRequiredService<ReportIndex>();

        var family = new List<PublishedCells>();
        foreach (var report in reports)
        {
            var entry = (await index.GetAsync(report["id"]!.GetValue<string>()))!;
            family.Add((await workbooks.LoadCellsAsync(entry.BlobName!))!);
        }
        var audit = DisclosureAudit.Run(family, BrusselsParts);

        Assert.Empty(audit.Findings);
        Assert.False(audit.FamilyContradictory);
        Assert.True(family.Sum(f => f.Protected.Count) > 10, "the test's records should make small counts to protect");
        // The quarter hides at least one count that it would otherwise give away of a month.
        Assert.Contains(family[3].Hidden, id => !family[3].Protected.Contains(id));
        foreach (var (report, cells) in reports.Take(4).Zip(family))
        {
            using var workbook = new MemoryStream(await service.Client.GetByteArrayAsync(report["downloadUrl"]!.GetValue<string>()));
            var themes = WorkbookReader.ReadSheet(workbook, "Themes");
            var byMunicipality = WorkbookReader.ReadSheet(workbook, "Municipality × theme");
            foreach (var id in cells.Shown.Keys.Concat(cells.Hidden))
            {
                var (_, table, row, column) = WorkbookCells.Parse(id);
                var shown = table switch
                {
                    "Themes" => themes.FirstOrDefault(r => r.Count > 2 && r[0] as string == row)?[2],
                    WorkbookCells.MunicipalityByTheme when column != "#" => Cell(byMunicipality, row!, column!),
                    _ => "unchecked",
                };
                if (shown is "unchecked")
                {
                    continue;
                }
                Assert.Equal(cells.Hidden.Contains(id) ? "<5" : (object)(double)cells.Shown[id], shown);
            }
        }
    }

    /// <summary>A cell of a crossed table by its row code and column header.</summary>
    private static object? Cell(IReadOnlyList<IReadOnlyList<object?>> sheet, string row, string column)
    {
        var header = sheet.First(r => r.Count > 1 && r[0] as string == "Code");
        var c = header.ToList().IndexOf(column);
        return sheet.First(r => r.Count > c && r[0] as string == row)[c];
    }

    [Fact]
    public async Task AMonthWithFewerRecordsThanTheThresholdGivesFundersAWorkbookWithoutFigures()
    {
        await using var service = await StartAsync(azurite);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        await PostAsync(service, Entries(3, 3).Select(e => e.With("date", "2022-02-14")));

        var status = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-02", ["language"] = "en" });
        using var workbook = new MemoryStream(await funder.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));

        var summary = WorkbookReader.ReadSheet(workbook, "Summary");
        Assert.Contains(summary, r => r.Count > 0 && r[0] is string s && s.StartsWith("Too few records to publish figures", StringComparison.Ordinal));
        Assert.Equal("not published", TextOf(summary, "Individual interventions"));
        Assert.DoesNotContain("Themes", WorkbookReader.SheetNames(workbook));
        Assert.DoesNotContain(WorkbookReader.ReadAll(workbook).SelectMany(s => s.Cells).SelectMany(r => r), c => c is double d && d is >= 1 and < 5);

        // Nor does the report's status or the list tell a funder the 3 the workbook keeps to itself; a coordinator sees it.
        var seenByFunder = (await funder.GetFromJsonAsync<JsonObject>(status["statusUrl"]!.GetValue<string>()))!;
        Assert.Equal("ready", seenByFunder["status"]!.GetValue<string>());
        Assert.Null(seenByFunder["entries"]);
        Assert.Null(seenByFunder["activities"]);
        var listed = (await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray();
        Assert.All(listed, r => Assert.Null(r!["entries"]));
        Assert.Equal(3, status["entries"]!.GetValue<long>());
    }
}
