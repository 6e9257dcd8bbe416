using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>Signing in with a key typed once, and the field worker's page opened again without any connection.</summary>
[Collection(PageTests.Name)]
public sealed class SignInPageTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 20_000 };

    [Fact]
    public async Task TheKeyIsTypedOnceByKeyboardAnUnknownOneIsRefusedAndSigningOutForgetsIt()
    {
        await using var service = await TestService.StartAsync(azurite);
        await using var context = await PageChecks.ContextAsync(browser.Browser, service, locale: "en-GB");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/api/app/");
        await page.Locator("form.sign-in").WaitForAsync(Soon);
        await PageChecks.ScreenshotAsync(page, "sign-in");
        await PageChecks.AssertAccessibleAsync(page);

        // The key field has the focus; typing and Enter are all it takes.
        await page.Keyboard.TypeAsync("not-a-key");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "This key is not known." }).WaitForAsync(Soon);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('reporting.apiKey')"));
        await page.Keyboard.TypeAsync(TestKeys.Coordinator);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Request a report" }).WaitForAsync(Soon);

        // Kept for the tab: opened again, no key asked.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Request a report" }).WaitForAsync(Soon);
        Assert.Equal(0, await page.Locator("form.sign-in").CountAsync());
        // Never kept beyond the tab.
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('reporting.apiKey')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.Locator("form.sign-in").WaitForAsync(Soon);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('reporting.apiKey')"));
    }

    [Fact]
    public async Task TheFieldWorkersPageOpensAgainWithoutAnyConnectionAndKeepsANewEntry()
    {
        var service = await TestService.StartAsync(azurite);
        var stopped = false;
        try
        {
            await using var context = await PageChecks.ContextAsync(browser.Browser, service);
            var page = await PageChecks.SignInAsync(context, TestKeys.FieldWorker);
            await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe registratie" }).WaitForAsync(Soon);
            // The service worker has kept the files and controls the page.
            Assert.True(await page.EvaluateAsync<bool>("navigator.serviceWorker.ready.then(() => new Promise(r => setTimeout(() => r(navigator.serviceWorker.controller !== null), 200)))"));

            // No connection at all: the browser is offline and the service is gone.
            await context.SetOfflineAsync(true);
            await service.DisposeAsync();
            stopped = true;
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe registratie" }).WaitForAsync(Soon);
            await page.Locator(".connection.offline").WaitForAsync(Soon);
            Assert.Contains("BAR-07", await page.Locator("#who").InnerTextAsync(), StringComparison.Ordinal);

            var form = page.Locator("form.record-form[data-kind=entry]");
            await form.GetByLabel("Wijk").SelectOptionAsync("11");
            await form.GetByLabel("Hoe heb ik de persoon leren kennen?").SelectOptionAsync("host-partner");
            await form.Locator("input[name=initiative][value=self]").CheckAsync();
            await form.GetByLabel("Plaats van de interventie").SelectOptionAsync("office");
            await form.Locator("input[name=actions][value=inform]").CheckAsync();
            await form.Locator("input[name=themes][value=E]").CheckAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "Bewaren en verzenden" }).ClickAsync();
            await page.Locator("ul.outbox li.status-queued").WaitForAsync(Soon);
            await PageChecks.ScreenshotAsync(page, "field-worker-opened-offline");
            Assert.Equal(1, await page.EvaluateAsync<int>("JSON.parse(localStorage.getItem('reporting.outbox.v1')).filter(i => i.status === 'queued').length"));
        }
        finally
        {
            if (!stopped)
            {
                await service.DisposeAsync();
            }
        }
    }
}
