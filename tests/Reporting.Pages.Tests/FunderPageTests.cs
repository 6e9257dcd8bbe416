using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>The funder's page: only the reports published for funders of their programmes, newest first, downloadable.</summary>
[Collection(PageTests.Name)]
public sealed class FunderPageTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 30_000 };

    private static async Task<string> ReadyReportAsync(HttpClient coordinator, JsonObject request)
    {
        var requested = await coordinator.PostAsJsonAsync("/api/reports", request);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await coordinator.GetFromJsonAsync<JsonObject>(requested.Headers.Location!.ToString()))!;
            if (status["status"]!.GetValue<string>() == "ready")
            {
                return status["id"]!.GetValue<string>();
            }
            Assert.True(DateTime.UtcNow < deadline, $"The report is still {status["status"]}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AFunderSeesOnlyTheSmallCellHiddenReportsOfTheirProgrammesNewestFirstAndDownloadsOne()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        var records = Enumerable.Range(0, 8).Select(i => Samples.Entry(date: $"2026-09-{i + 1:00}"))
            .Concat(Enumerable.Range(0, 8).Select(i => Samples.Entry(date: $"2026-10-{i + 1:00}"))).ToList();
        Assert.Equal(HttpStatusCode.OK, (await service.PostJsonAsync("/api/entries/batch", Samples.Batch(records))).StatusCode);
        var chwRecord = Samples.Entry(date: "2026-10-03").With("programme", "CHW").With("workerCode", "CHW-01");
        Assert.Equal(HttpStatusCode.Created, (await chw.PostAsJsonAsync("/api/entries", chwRecord)).StatusCode);

        var october = await ReadyReportAsync(service.Client, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-10", ["language"] = "nl" });
        var september = await ReadyReportAsync(service.Client, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-09", ["language"] = "fr" });
        // Not for funders: small cells shown, a range, another programme.
        var full = await ReadyReportAsync(service.Client, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-10", ["language"] = "nl", ["suppressSmallCells"] = false });
        var range = await ReadyReportAsync(service.Client, new JsonObject { ["programme"] = "BAR", ["period"] = new JsonObject { ["from"] = "2026-09-15", ["to"] = "2026-10-15" } });
        var other = await ReadyReportAsync(chw, new JsonObject { ["programme"] = "CHW", ["period"] = "2026-10", ["language"] = "nl" });
        Assert.Equal(5, new[] { october, september, full, range, other }.Distinct().Count());

        await using var context = await PageChecks.ContextAsync(browser.Browser, service, locale: "nl-BE");
        var page = await PageChecks.SignInAsync(context, TestKeys.Funder);
        var rows = page.Locator("#main table tbody tr");
        await rows.First.WaitForAsync(Soon);
        Assert.Equal([october, september], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        Assert.All(await rows.AllInnerTextsAsync(), text => Assert.Contains("kleine aantallen verborgen", text, StringComparison.Ordinal));
        // The first visit: every report is new.
        Assert.Equal(2, await page.Locator("tr.new").CountAsync());
        await PageChecks.ScreenshotAsync(page, "funder");
        await PageChecks.PhoneScreenshotAsync(page, "funder-phone");
        await PageChecks.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            rows.First.GetByRole(AriaRole.Button, new() { Name = $"Downloaden: Reporting_{october}.xlsx" }).ClickAsync());
        Assert.Equal($"Reporting_{october}.xlsx", download.SuggestedFilename);
        await using (var workbook = new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())))
        {
            Assert.Contains("Samenvatting", WorkbookReader.SheetNames(workbook));
        }

        // The next visit: nothing new until a report is made after it.
        await page.ReloadAsync();
        await page.Locator("#new-count").WaitForAsync(Soon);
        Assert.StartsWith("0 nieuw sinds je laatste bezoek", await page.Locator("#new-count").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("tr.new").CountAsync());
        var august = await ReadyReportAsync(service.Client, new JsonObject { ["programme"] = "BAR", ["period"] = "2026-08", ["language"] = "nl" });
        await page.ReloadAsync();
        await page.Locator("#new-count").WaitForAsync(Soon);
        Assert.StartsWith("1 nieuw", await page.Locator("#new-count").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal([august], await page.Locator("tr.new").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
    }
}
