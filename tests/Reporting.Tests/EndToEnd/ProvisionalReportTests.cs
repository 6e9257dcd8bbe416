using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// Periods funders can trust: a report asked for before its period has closed is provisional (it says so on every
/// sheet and funders never see it), and the timers make it final once the period has closed.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ProvisionalReportTests(AzuriteFixture azurite)
{
    /// <summary>1 December 2026, 10:00 in Brussels: November has closed, December and 2026 have not.</summary>
    private static readonly DateTimeOffset FirstOfDecember = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private const string ProvisionalLine = "Voorlopig: de periode is nog niet afgesloten; de cijfers kunnen nog veranderen.";

    private static Task<TestService> StartAsync(AzuriteFixture azurite, FixedTime time) =>
        TestService.StartAsync(azurite, null, services => services.AddSingleton<TimeProvider>(time));

    private static async Task<JsonObject> ReportAsync(TestService service, JsonObject request)
    {
        var requested = await service.PostJsonAsync("/api/reports", request);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        Assert.Equal("ready", status["status"]!.GetValue<string>());
        return status;
    }

    private static async Task<IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<object?>> Cells)>> SheetsAsync(HttpClient client, JsonObject status)
    {
        using var workbook = new MemoryStream(await client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));
        return WorkbookReader.ReadAll(workbook);
    }

    private static string[] Ids(JsonObject list) => list["reports"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task AReportOfTheCurrentMonthOrYearIsProvisionalOnEverySheetAndNeverShownToAFunder()
    {
        await using var service = await StartAsync(azurite, new FixedTime(FirstOfDecember));
        using var funder = service.ClientWithKey(TestKeys.Funder);
        foreach (var date in new[] { "2026-11-30", "2026-12-01" })
        {
            Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry(date: date))).StatusCode);
        }

        var december = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-12" });
        var year = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026" });
        var upToToday = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = new JsonObject { ["from"] = "2026-11-01", ["to"] = "2026-12-01" } });
        var november = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-11" });
        var full = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-11", ["suppressSmallCells"] = false });

        Assert.True(december["provisional"]!.GetValue<bool>());
        Assert.True(year["provisional"]!.GetValue<bool>());
        Assert.True(upToToday["provisional"]!.GetValue<bool>());
        Assert.False(november["provisional"]!.GetValue<bool>());
        Assert.Equal(1, december["entries"]!.GetValue<long>());

        // Every sheet of a provisional workbook says so right under its title; a final one nowhere.
        var sheets = await SheetsAsync(service.Client, december);
        Assert.Equal("Samenvatting", sheets[0].Name);
        Assert.All(sheets, sheet => Assert.Equal(ProvisionalLine, sheet.Cells.At("A2")));
        Assert.All(await SheetsAsync(service.Client, november), sheet => Assert.DoesNotContain(sheet.Cells, row => row.Contains(ProvisionalLine)));

        // The coordinator lists them all; a funder only the closed month, and is answered for a provisional report
        // as for any other report a funder may not see.
        Assert.Equal(["BAR_2026-11-01_2026-12-01_nl", "BAR_2026-11_nl", "BAR_2026-11_nl_full", "BAR_2026-12_nl", "BAR_2026_nl"],
            Ids((await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!));
        Assert.Equal(["BAR_2026-11_nl"], Ids((await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!));
        Assert.Empty(Ids((await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR&period=2026-12"))!));
        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync(november["statusUrl"]!.GetValue<string>())).StatusCode);
        var notForFunders = (await funder.GetAsync(full["statusUrl"]!.GetValue<string>())).StatusCode;
        var notForFundersWorkbook = (await funder.GetAsync(full["statusUrl"]!.GetValue<string>() + "/workbook")).StatusCode;
        Assert.NotEqual(HttpStatusCode.OK, notForFunders);
        foreach (var provisional in new[] { december, year, upToToday })
        {
            Assert.Equal(notForFunders, (await funder.GetAsync(provisional["statusUrl"]!.GetValue<string>())).StatusCode);
            Assert.Equal(notForFundersWorkbook, (await funder.GetAsync(provisional["downloadUrl"]!.GetValue<string>())).StatusCode);
        }
    }

    [Fact]
    public async Task OnceThePeriodHasClosedTheTimerMakesTheProvisionalReportAgainAsAFinalOne()
    {
        var time = new FixedTime(FirstOfDecember);
        await using var service = await StartAsync(azurite, time);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry(date: "2026-12-01"))).StatusCode);
        var provisional = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-12" });
        var provisionalYear = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026" });
        Assert.True(provisional["provisional"]!.GetValue<bool>());
        Assert.True(provisionalYear["provisional"]!.GetValue<bool>());
        // The timer of 1 December makes only closed months: nothing of December.
        await service.RunFunctionAsync("MonthlyReports");
        Assert.True((await service.Client.GetFromJsonAsync<JsonObject>("/api/reports/BAR_2026-12_nl"))!["provisional"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/api/reports/BAR_2026-12_fr")).StatusCode);
        Assert.Empty(Ids((await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!));

        // In Brussels 2027 has begun: December has closed, and the timer's next run counts December 31 too.
        time.Now = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", Samples.Entry(date: "2026-12-31"))).StatusCode);
        await service.RunFunctionAsync("MonthlyReports");
        var made = await ReportPolling.WaitUntilAllDoneAsync(service.Client, "/api/reports?programme=BAR");
        await service.RunFunctionAsync("MonthlyReports");
        var again = (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray();

        // The run asked for December in both languages; run again, it asks for nothing more.
        Assert.Equal(["BAR_2026-12_fr", "BAR_2026-12_nl", "BAR_2026_nl"], made.Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(made.Select(r => (r!["id"]!.GetValue<string>(), r["status"]!.GetValue<string>(), r["updatedAt"]!.GetValue<DateTimeOffset>())),
            again.Select(r => (r!["id"]!.GetValue<string>(), r["status"]!.GetValue<string>(), r["updatedAt"]!.GetValue<DateTimeOffset>())));
        var final = (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports/BAR_2026-12_nl"))!;
        Assert.False(final["provisional"]!.GetValue<bool>());
        Assert.Equal(2, final["entries"]!.GetValue<long>());
        Assert.Equal(["BAR_2026-12_fr", "BAR_2026-12_nl"], Ids((await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!));
        Assert.All(await SheetsAsync(funder, final), sheet => Assert.DoesNotContain(sheet.Cells, row => row.Contains(ProvisionalLine)));

        // Asked for again by a coordinator, the closed year is final too, and funders see it.
        var year = await ReportAsync(service, new JsonObject { ["programme"] = "BAR", ["period"] = "2026" });
        Assert.False(year["provisional"]!.GetValue<bool>());
        Assert.Equal(2, year["entries"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync(year["downloadUrl"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task APeriodOutside2020ToTheCurrentYearOrALanguageOtherThanNlFrEnIsRefused()
    {
        await using var service = await StartAsync(azurite, new FixedTime(FirstOfDecember));

        async Task<string[]> ErrorsAsync(JsonObject request)
        {
            var response = await service.PostJsonAsync("/api/reports", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        }

        Assert.Equal(["$.period"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2000" }));
        Assert.Equal(["$.period"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2099" }));
        Assert.Equal(["$.period"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2027-01" }));
        Assert.Equal(["$.period.to"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = new JsonObject { ["from"] = "2091-01-01", ["to"] = "2095-12-31" } }));
        Assert.Equal(["$.period.from"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = new JsonObject { ["from"] = "2019-12-01", ["to"] = "2020-01-31" } }));
        Assert.Equal(["$.language"], await ErrorsAsync(new JsonObject { ["programme"] = "BAR", ["period"] = "2026-11", ["language"] = "02" }));
        Assert.Empty((await service.Client.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray());
        Assert.Equal(HttpStatusCode.Accepted, (await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2026-Q4", ["language"] = "EN" })).StatusCode);
    }
}
