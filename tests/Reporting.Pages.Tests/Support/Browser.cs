using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Reporting.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven by Microsoft.Playwright: Playwright's own browser download cannot be fetched
/// here, so the browser is the system's (<c>chromium</c> on the PATH, or <c>CHROMIUM_PATH</c>); test.sh installs it.
/// One browser for the collection; each test makes its own context (cookies, storage, offline state).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Tests run as root on the build machines, where Chromium refuses its sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Chromium is not installed: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PageTests : ICollectionFixture<AzuriteFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Pages in a browser";
}

/// <summary>What the page tests do to a page beside their journey: keep a screenshot, check accessibility.</summary>
public static class PageChecks
{
    /// <summary>Where the screenshots are kept: artifacts/screenshots/ at the repository root (ignored by git).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>The page on a phone's screen (390 × 844): kept as a screenshot, and nothing wider than the screen.</summary>
    public static async Task PhoneScreenshotAsync(IPage page, string name)
    {
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, name);
        // The elements that stick out past the screen's right edge (outside scrolling regions), to say what is too wide.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
            """);
        Assert.True(wide.Length == 0, $"{name}: wider than a phone's screen: {string.Join("; ", wide)}");
        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// <summary>axe-core (bundled with Deque.AxeCore.Playwright, no network) finds no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>A context of the browser on the service, in a language, optionally a phone's screen.</summary>
    public static Task<IBrowserContext> ContextAsync(IBrowser browser, TestService service, string locale = "nl-BE", bool phone = false) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.Client.BaseAddress!.ToString().TrimEnd('/'),
            Locale = locale,
            AcceptDownloads = true,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });

    /// <summary>Opens the pages and signs in with an API key typed into the sign-in form.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string key)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/api/app/");
        await page.Locator("#api-key").FillAsync(key);
        await page.Locator("form.sign-in button[type=submit]").ClickAsync();
        await page.Locator("#who").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(".+") }).WaitForAsync();
        return page;
    }
}
