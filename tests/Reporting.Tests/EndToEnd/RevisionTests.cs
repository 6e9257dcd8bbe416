using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// A report made again after its figures changed: a new edition beside the earlier ones, each downloadable, the new
/// one listing what changed; for funders, without telling what a few late records were.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RevisionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2022, 4, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Municipalities = ["21015", "21015", "21001", "21012", "21004"];
    private static readonly string[] Themes = ["E", "K", "F", "D", "S"];

    private static Task<TestService> StartAsync(AzuriteFixture azurite) =>
        TestService.StartAsync(azurite, new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(new FixedTime(Now)));

    private static List<JsonObject> MarchEntries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Samples.Entry(date: $"2022-03-{random.Next(1, 29):00}")
            .Without("neighbourhood")
            .With("municipality", Municipalities[random.Next(Municipalities.Length)])
            .With("themes", new JsonArray(Themes.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(t => (JsonNode)t).ToArray()))).ToList();
    }

    private static async Task PostAsync(TestService service, IReadOnlyList<JsonObject> entries)
    {
        var response = await service.PostJsonAsync("/api/entries/batch", Samples.Batch(entries));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonObject> MakeAsync(TestService service, JsonObject request)
    {
        var requested = await service.PostJsonAsync("/api/reports", request);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        Assert.Equal("ready", status["status"]!.GetValue<string>());
        // The detail, with its editions.
        return (await service.Client.GetFromJsonAsync<JsonObject>(status["statusUrl"]!.GetValue<string>()))!;
    }

    private static async Task<MemoryStream> DownloadAsync(HttpClient client, string url) => new(await client.GetByteArrayAsync(url));

    [Fact]
    public async Task RecordsArrivingLateMakeANewEditionThatListsWhatChangedAndTheFirstStaysDownloadable()
    {
        await using var service = await StartAsync(azurite);
        var first = MarchEntries(60, 1);
        await PostAsync(service, first);
        var request = new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en", ["suppressSmallCells"] = false };

        var one = await MakeAsync(service, request);
        Assert.Equal(1, one["edition"]!.GetValue<int>());
        var late = MarchEntries(3, 2);
        await PostAsync(service, late);
        var two = await MakeAsync(service, request);
        var again = await MakeAsync(service, (JsonObject)request.DeepClone());

        Assert.Equal(2, two["edition"]!.GetValue<int>());
        var editions = two["editions"]!.AsArray();
        Assert.Equal([1, 2], editions.Select(e => e!["edition"]!.GetValue<int>()));
        // The same records again: still the second edition.
        Assert.Equal(2, again["edition"]!.GetValue<int>());
        Assert.Equal(2, again["editions"]!.AsArray().Count);

        using var editionOne = await DownloadAsync(service.Client, editions[0]!["downloadUrl"]!.GetValue<string>());
        using var editionTwo = await DownloadAsync(service.Client, editions[1]!["downloadUrl"]!.GetValue<string>());
        var summaryOne = WorkbookReader.ReadSheet(editionOne, "Summary");
        var summaryTwo = WorkbookReader.ReadSheet(editionTwo, "Summary");
        Assert.Equal(60.0, ValueOf(summaryOne, "Individual interventions"));
        Assert.Equal("1", TextOf(summaryOne, "Edition"));
        Assert.DoesNotContain("Changes", WorkbookReader.SheetNames(editionOne));
        Assert.Equal(63.0, ValueOf(summaryTwo, "Individual interventions"));
        Assert.Equal("2", TextOf(summaryTwo, "Edition"));
        Assert.StartsWith("edition 1 of ", TextOf(summaryTwo, "Replaces"), StringComparison.Ordinal);

        // Every figure that changed, with both values, and the two fingerprints.
        var changes = WorkbookReader.ReadSheet(editionTwo, "Changes");
        Assert.Contains(changes, r => r[0] as string == $"Edition 1: Fingerprint of the records {editions[0]!["fingerprint"]!.GetValue<string>()}");
        Assert.Contains(changes, r => r[0] as string == $"Edition 2: Fingerprint of the records {editions[1]!["fingerprint"]!.GetValue<string>()}");
        var header = changes.First(r => r[0] as string == "Table");
        Assert.Equal(["Table", "Code", "Label", "Edition 1", "Edition 2"], header.Take(5));
        var rows = changes.Skip(changes.ToList().IndexOf(header) + 1).Where(r => r[0] is string).ToList();
        Assert.Contains(rows, r => r[0] as string == "Summary" && r[2] as string == "Individual interventions" && Equals(r[3], 60.0) && Equals(r[4], 63.0));
        var perMunicipality = rows.Where(r => r[0] as string == "Interventions per municipality").ToDictionary(r => (string)r[1]!);
        foreach (var municipality in Municipalities.Distinct())
        {
            var before = first.Count(e => e["municipality"]!.GetValue<string>() == municipality);
            var after = before + late.Count(e => e["municipality"]!.GetValue<string>() == municipality);
            Assert.Equal(before != after, perMunicipality.ContainsKey(municipality));
            if (before != after)
            {
                Assert.Equal((double)before, perMunicipality[municipality][3]);
                Assert.Equal((double)after, perMunicipality[municipality][4]);
            }
        }
        Assert.All(rows, r => Assert.NotEqual(r[3], r[4]));
    }

    [Fact]
    public async Task AFundersNewEditionNeverShowsWhatAFewLateRecordsChanged()
    {
        await using var service = await StartAsync(azurite);
        await PostAsync(service, MarchEntries(90, 3));
        var request = new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" };
        using var funder = service.ClientWithKey(TestKeys.Funder);
        var one = await MakeAsync(service, request);
        var oneUrl = one["editions"]!.AsArray()[0]!["downloadUrl"]!.GetValue<string>();
        using var editionOne = await DownloadAsync(funder, oneUrl);

        // One late record: every figure it changes changes by one.
        await PostAsync(service, MarchEntries(1, 4));
        var two = await MakeAsync(service, (JsonObject)request.DeepClone());

        var editions = (await funder.GetFromJsonAsync<JsonObject>(two["statusUrl"]!.GetValue<string>()))!["editions"]!.AsArray();
        if (editions.Count == 1)
        {
            // Held back: the first edition stays current, and says why.
            Assert.Equal(1, two["edition"]!.GetValue<int>());
            Assert.Contains("stays current", two["notice"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            using var editionTwo = await DownloadAsync(funder, editions[1]!["downloadUrl"]!.GetValue<string>());
            var compared = 0;
            foreach (var sheet in new[] { "Summary", "Interventions per municipality", "Themes", "First contact", "Municipality × theme" })
            {
                var before = WorkbookReader.ReadSheet(editionOne, sheet);
                var after = WorkbookReader.ReadSheet(editionTwo, sheet);
                for (var r = 0; r < Math.Min(before.Count, after.Count); r++)
                {
                    for (var c = 0; c < Math.Min(before[r].Count, after[r].Count); c++)
                    {
                        if (before[r][c] is double was && after[r][c] is double now && (before[r][0] as string) == (after[r][0] as string))
                        {
                            compared++;
                            Assert.True(was == now || Math.Abs(now - was) >= 5, $"{sheet} row {r} column {c}: {was} then {now}");
                        }
                    }
                }
            }
            Assert.True(compared > 20, $"only {compared} counts shown in both editions");
        }
        // The first edition is still there, as it was, for the funder who has it.
        using var stillOne = await DownloadAsync(funder, oneUrl);
        Assert.Equal(editionOne.ToArray(), stillOne.ToArray());
    }

    [Fact]
    public async Task EditionsRaceWithLateRecordsAndRequestsAndNoneIsLostOrNumberedTwice()
    {
        await using var service = await StartAsync(azurite);
        await PostAsync(service, MarchEntries(20, 5));
        var request = new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "nl", ["suppressSmallCells"] = false };
        await MakeAsync(service, request);

        // Rounds of late records posted while reports are asked for, twice at once.
        for (var round = 0; round < 4; round++)
        {
            var posting = PostAsync(service, MarchEntries(2, 100 + round));
            var asks = Enumerable.Range(0, 2).Select(_ => MakeAsync(service, (JsonObject)request.DeepClone())).ToList();
            await posting;
            await Task.WhenAll(asks);
        }
        var last = await MakeAsync(service, (JsonObject)request.DeepClone());

        var editions = last["editions"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(1, editions.Count), editions.Select(e => e["edition"]!.GetValue<int>()));
        Assert.Equal(editions.Count, editions.Select(e => e["fingerprint"]!.GetValue<string>()).Distinct().Count());
        var counts = new List<double>();
        foreach (var edition in editions)
        {
            using var workbook = await DownloadAsync(service.Client, edition["downloadUrl"]!.GetValue<string>());
            var summary = WorkbookReader.ReadSheet(workbook, "Samenvatting");
            Assert.Equal(edition["edition"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), TextOf(summary, "Editie"));
            counts.Add(ValueOf(summary, "Individuele interventies"));
        }
        // Each edition counts more records than the one before, and the last counts them all.
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(counts.Count, counts.Distinct().Count());
        Assert.Equal(28.0, counts[^1]);
    }

    [Fact]
    public async Task AMonthsReportSetsItsCountsBesideThePreviousMonthAsItsFundersReportPublishedThem()
    {
        await using var service = await StartAsync(azurite);
        var february = MarchEntries(70, 7).Select(e => e.With("date", e["date"]!.GetValue<string>().Replace("2022-03", "2022-02", StringComparison.Ordinal))).ToList();
        await PostAsync(service, february);
        await PostAsync(service, MarchEntries(90, 8));
        var feb = await MakeAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-02", ["language"] = "en" });
        var march = await MakeAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" });
        using var febWorkbook = await DownloadAsync(service.Client, feb["downloadUrl"]!.GetValue<string>());
        using var marchWorkbook = await DownloadAsync(service.Client, march["downloadUrl"]!.GetValue<string>());

        var comparison = WorkbookReader.ReadSheet(marchWorkbook, "Comparison");
        var header = comparison.First(r => r[0] as string == "Table");
        Assert.Equal("Previous period (2022-02)", header[4]);
        Assert.Contains(comparison, r => r[0] as string == "No final funders' report has been published for 2021-03 yet.");
        var rows = comparison.Skip(comparison.ToList().IndexOf(header) + 1).Where(r => r[0] is string).ToList();
        var entries = rows.Single(r => r[0] as string == "Summary" && r[2] as string == "Individual interventions");
        Assert.Equal(ValueOf(WorkbookReader.ReadSheet(marchWorkbook, "Summary"), "Individual interventions"), entries[3]);
        Assert.Equal(ValueOf(WorkbookReader.ReadSheet(febWorkbook, "Summary"), "Individual interventions"), entries[4]);
        Assert.Equal(20.0, entries[5]);
        // Every count per municipality as February's workbook shows it, hidden ones hidden.
        var febMunicipalities = WorkbookReader.ReadSheet(febWorkbook, "Interventions per municipality").Where(r => r[0] is string code && code.Length == 5 && code.StartsWith("21", StringComparison.Ordinal)).ToDictionary(r => (string)r[0]!, r => r[2]);
        var compared = rows.Where(r => r[0] as string == "Interventions per municipality").ToList();
        Assert.Equal(febMunicipalities.Count, compared.Count);
        Assert.All(compared, r => Assert.Equal(febMunicipalities[(string)r[1]!], r[4]));
        Assert.StartsWith("Largest change 1", WorkbookReader.ReadSheet(marchWorkbook, "Summary").Single(r => r[1] is string text && text.Contains("2022-02", StringComparison.Ordinal) && r[0] as string == "Largest change 1")[0] as string, StringComparison.Ordinal);
    }
}
