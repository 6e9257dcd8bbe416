using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;

namespace Reporting.Tests.Pages;

/// <summary>The coordinator's page: a report requested, watched until it is ready without reloading, downloaded.</summary>
[Collection(PageTests.Name)]
public sealed class CoordinatorPageTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 60_000 };

    [Fact]
    public async Task ACoordinatorRequestsAReportSeesItBecomeReadyWithoutReloadingAndDownloadsTheWorkbook()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entries = Enumerable.Range(0, 12).Select(i => Samples.Entry(date: $"2026-10-{i + 1:00}")).ToList();
        var batch = await service.PostJsonAsync("/api/entries/batch", Samples.Batch(entries));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/activities", Samples.Activity(date: "2026-10-20"))).StatusCode);
        // A correction with its reason, for the audit trail.
        var corrected = entries[0]["id"]!.GetValue<string>();
        var read = await service.Client.GetAsync($"/api/entries/{corrected}");
        using (var put = Samples.Put($"/api/entries/{corrected}", entries[0].With("place", "office"), read.Headers.ETag!.ToString()))
        {
            put.Headers.Add("X-Reason", "REQ-2026-41");
            Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(put)).StatusCode);
        }

        await using var context = await PageChecks.ContextAsync(browser.Browser, service, locale: "en-GB");
        var page = await PageChecks.SignInAsync(context, TestKeys.Coordinator);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Request a report" }).WaitForAsync(Soon);
        await page.Locator("#audit table").WaitForAsync(Soon);
        Assert.Contains("REQ-2026-41", await page.Locator("#audit table").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(corrected, await page.Locator("#audit table").InnerTextAsync(), StringComparison.Ordinal);

        var form = page.Locator("form.request-form");
        await form.GetByLabel("Period", new() { Exact = true }).FillAsync("2026-10");
        await form.GetByLabel("Language of the report").SelectOptionAsync("en");
        await form.GetByLabel("City of Brussels split (Laeken, Neder-Over-Heembeek, Haren)").CheckAsync();
        // The coordinator's own workbook, with small counts shown (one collective action).
        await form.GetByLabel("Hide small counts (for publication)").UncheckAsync();
        // A mark on the page that a reload or a navigation would wipe.
        await page.EvaluateAsync("window.notReloaded = true");
        await form.GetByRole(AriaRole.Button, new() { Name = "Request a report" }).ClickAsync();

        var ready = page.Locator(".request-status .ready");
        await ready.WaitForAsync(Soon);
        Assert.Contains("BAR_2026-10_en_split_full: ready", await ready.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"));
        await PageChecks.ScreenshotAsync(page, "coordinator");
        await PageChecks.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => ready.GetByRole(AriaRole.Button).ClickAsync());
        Assert.Equal("Reporting_BAR_2026-10_en_split_full.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        await using var workbook = new MemoryStream(await File.ReadAllBytesAsync(path));
        var summary = WorkbookReader.ReadSheet(workbook, "Summary");
        Assert.Equal(12.0, ValueOf(summary, "Individual interventions"));
        Assert.Equal(1.0, ValueOf(summary, "Collective actions"));

        // The list of reports shows it with its editions, each downloadable.
        var row = page.Locator("#reports tr[data-id='BAR_2026-10_en_split_full']");
        await row.WaitForAsync(Soon);
        await row.GetByRole(AriaRole.Button, new() { Name = "Editions: BAR_2026-10_en_split_full" }).ClickAsync();
        var edition = row.Locator("ul.editions li");
        await edition.WaitForAsync(Soon);
        Assert.Contains("Edition 1", await edition.InnerTextAsync(), StringComparison.Ordinal);
        var editionDownload = await page.RunAndWaitForDownloadAsync(() => edition.GetByRole(AriaRole.Button).ClickAsync());
        Assert.Equal("Reporting_BAR_2026-10_en_split_full_edition-1.xlsx", editionDownload.SuggestedFilename);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/reports/BAR_2026-10_en_split_full")).StatusCode);

        // The record browser: the month's records, a correction, the CSV export and the data-quality view.
        var browse = page.Locator("form.browse-form");
        await browse.GetByLabel("Month").FillAsync("2026-10");
        await browse.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var listed = page.Locator("#records tbody tr");
        await page.Locator($"#records tr[data-id='{entries[11]["id"]}']").WaitForAsync(Soon);
        Assert.Equal(13, await listed.CountAsync());
        var quality = page.Locator("#quality [data-period='2026-10']");
        await quality.Locator("dd[data-value=entries]").WaitForAsync(Soon);
        Assert.Equal("12", await quality.Locator("dd[data-value=entries]").InnerTextAsync());
        Assert.Equal("1", await quality.Locator("dd[data-value=activities]").InnerTextAsync());

        var csv = await page.RunAndWaitForDownloadAsync(() => browse.GetByRole(AriaRole.Button, new() { Name = "Export (CSV)" }).ClickAsync());
        Assert.Equal("BAR-2026-10-entries.csv", csv.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await csv.PathAsync())).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("id,date,programme,workerCode", lines[0], StringComparison.Ordinal);
        Assert.Equal(13, lines.Count);

        var second = entries[1]["id"]!.GetValue<string>();
        await page.Locator($"#records tr[data-id='{second}']").GetByRole(AriaRole.Button).ClickAsync();
        var correction = page.Locator(".correction form");
        await correction.WaitForAsync(Soon);
        await correction.GetByLabel("Municipality").SelectOptionAsync("21001");
        await correction.GetByLabel("Neighbourhood").SelectOptionAsync("11");
        await correction.GetByLabel("Reason for the correction").FillAsync("REQ-2026-42");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await page.Locator(".correction .announce", new() { HasText = "Corrected." }).WaitForAsync(Soon);
        await page.Locator("#audit td", new() { HasText = "REQ-2026-42" }).WaitForAsync(Soon);
        var stored = (await service.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/entries/{second}"))!;
        Assert.Equal("21001", stored["municipality"]!.GetValue<string>());
        Assert.Equal("11", stored["neighbourhood"]!.GetValue<string>());
        await PageChecks.ScreenshotAsync(page, "coordinator-records");
        await PageChecks.PhoneScreenshotAsync(page, "coordinator-phone");
        await PageChecks.AssertAccessibleAsync(page);
    }
}
