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
        // Locally there is no platform sign-in to offer.
        Assert.Equal(0, await page.Locator("a.platform-sign-in").CountAsync());
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
    public async Task BehindAppServiceAuthenticationThePageAsksNoKeyAndOffersThePlatformsSignInWhenSignedOut()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:TrustClientPrincipal"] = "true" });

        // Signed in by the platform: it adds the principal to every request; the page shows the funder's view at once.
        await using (var signedIn = await PageChecks.ContextAsync(browser.Browser, service, locale: "en-GB"))
        {
            var principal = """{"auth_typ":"aad","claims":[{"typ":"roles","val":"Funder.BAR"},{"typ":"oid","val":"0c6a8f7e-1b2d-4c3e-8f9a-2d4e6b8c0a1f"}]}""";
            await signedIn.SetExtraHTTPHeadersAsync([new("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(principal)))]);
            var page = await signedIn.NewPageAsync();
            await page.GotoAsync("/api/app/");
            await page.GetByRole(AriaRole.Heading, new() { Name = "Reports of your programmes" }).WaitForAsync(Soon);
            Assert.Equal(0, await page.Locator("form.sign-in").CountAsync());
            Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync());
            Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('reporting.apiKey')"));
        }

        // Not signed in where the platform answers /.auth/me: the page links to the platform's sign-in.
        await using var signedOut = await PageChecks.ContextAsync(browser.Browser, service, locale: "en-GB");
        await signedOut.RouteAsync("**/.auth/me", route => route.FulfillAsync(new() { Status = 401 }));
        var start = await signedOut.NewPageAsync();
        await start.GotoAsync("/api/app/");
        var link = start.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation account" });
        await link.WaitForAsync(Soon);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fapp%2F", await link.GetAttributeAsync("href"));
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
