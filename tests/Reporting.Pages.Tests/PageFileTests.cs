using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>How the pages' files are served (over HTTP, no browser): types, policy, caching, and GET /api/me.</summary>
[Collection(PageTests.Name)]
public sealed class PageFileTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/api/app/", "text/html")]
    [InlineData("/api/app/index.html", "text/html")]
    [InlineData("/api/app/app.js", "text/javascript")]
    [InlineData("/api/app/sw.js", "text/javascript")]
    [InlineData("/api/app/style.css", "text/css")]
    [InlineData("/api/app/icon.svg", "image/svg+xml")]
    public async Task EveryFileIsServedWithoutAKeyWithItsTypeASelfOnlyPolicyAndRevalidation(string path, string type)
    {
        await using var service = await TestService.StartAsync(azurite);
        using var anonymous = service.ClientWithKey(null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache);
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheFolderWithoutItsSlashRedirectsAndAnUnknownFileIsA404Problem()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var anonymous = service.ClientWithKey(null);

        using var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.Client.BaseAddress }.GetAsync("/api/app");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api/app/", redirect.Headers.Location?.ToString());

        foreach (var path in new[] { "/api/app/nothing.js", "/api/app/../host.json", "/api/app/%2e%2e/appsettings.json", "/api/app/Reporting.dll" })
        {
            using var missing = await anonymous.GetAsync(path);
            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)missing.StatusCode}");
        }
        using var unknown = await anonymous.GetAsync("/api/app/nothing.js");
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MeTellsTheRoleProgrammesAndWorkerCodeOfTheKeyAndNothingWithoutOne()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        using var anonymous = service.ClientWithKey(null);

        var me = (await worker.GetFromJsonAsync<JsonObject>("/api/me"))!;
        Assert.Equal("fieldWorker", me["role"]!.GetValue<string>());
        Assert.Equal(["BAR"], me["programmes"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(TestKeys.WorkerCode, me["workerCode"]!.GetValue<string>());
        Assert.Equal("key", me["signIn"]!.GetValue<string>());
        Assert.DoesNotContain(TestKeys.FieldWorker, me.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("funder", (await funder.GetFromJsonAsync<JsonObject>("/api/me"))!["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task BehindAppServiceAuthenticationThePlatformsPrincipalSignsInWithoutAKey()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:TrustClientPrincipal"] = "true" });
        using var client = service.ClientWithKey(null);
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = new JsonArray(
                new JsonObject { ["typ"] = "roles", ["val"] = "Coordinator.CHW" },
                new JsonObject { ["typ"] = "oid", ["val"] = "5b0f3c1e-3d4a-4f0e-9a51-6d0c2f1e8a77" }),
        };
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(principal.ToJsonString())));

        var me = (await client.GetFromJsonAsync<JsonObject>("/api/me"))!;

        Assert.Equal("coordinator", me["role"]!.GetValue<string>());
        Assert.Equal(["CHW"], me["programmes"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("platform", me["signIn"]!.GetValue<string>());
    }
}

/// <summary>The service worker's copy holds every file of the pages, or a page opened offline would miss one.</summary>
public sealed partial class ServiceWorkerFileTests
{
    [Fact]
    public void TheServiceWorkerKeepsEveryFileOfThePagesButItself()
    {
        var script = System.Text.Encoding.UTF8.GetString(Reporting.Pages.PageAssets.Find("sw.js")!.Content);
        var kept = FileNames().Matches(script[script.IndexOf("const FILES", StringComparison.Ordinal)..script.IndexOf("];", StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value).Where(f => f != "./").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Reporting.Pages.PageAssets.Names.Where(n => n != "sw.js").Order(StringComparer.Ordinal), kept);
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex FileNames();
}
