using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Reporting.Access;
using Reporting.Tests.Support;

namespace Reporting.Tests.Access;

public sealed class CallerResolverTests
{
    private static CallerResolver Resolver(bool trustPrincipal = false)
    {
        var options = new AccessOptions { TrustClientPrincipal = trustPrincipal };
        var key = new ApiKeyOptions { Name = "bar-coordinator", KeySha256 = CallerResolver.HashKey("secret-key"), Role = Role.Coordinator };
        key.Programmes.Add("BAR");
        options.ApiKeys.Add(key);
        return new CallerResolver(Options.Create(options));
    }

    private static HttpRequest Request(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }

    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
            ["claims"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject { ["typ"] = c.Type, ["val"] = c.Value }).ToArray()),
        }.ToJsonString()));

    [Fact]
    public void AKnownKeyGivesItsCallerAndAnUnknownOneNone()
    {
        var resolver = Resolver();

        var caller = resolver.Resolve(Request(AccessOptions.ApiKeyHeader, "secret-key"));

        Assert.Equal(["BAR"], caller!.Programmes.ToList());
        Assert.Equal(Role.Coordinator, caller.Role);
        Assert.Equal("key:bar-coordinator", caller.Id);
        Assert.Null(resolver.Resolve(Request(AccessOptions.ApiKeyHeader, "secret-kez")));
    }

    [Fact]
    public void TheAppServicePrincipalGivesRolesProgrammesAndWorkerCode()
    {
        var header = Principal(("roles", "FieldWorker.BAR"), ("roles", "FieldWorker.CHW"), ("workerCode", "BAR-07"), ("oid", "00000000-0000-0000-0000-000000000001"));

        var caller = Resolver(trustPrincipal: true).Resolve(Request(AccessOptions.ClientPrincipalHeader, header));

        Assert.Equal(Role.FieldWorker, caller!.Role);
        Assert.Equal(["BAR", "CHW"], caller.Programmes.Order());
        Assert.Equal("BAR-07", caller.WorkerCode);
        Assert.Equal("principal:00000000-0000-0000-0000-000000000001", caller.Id);
    }

    [Fact]
    public void ThePrincipalHeaderIsIgnoredUnlessThePlatformIsTrusted()
    {
        var header = Principal(("roles", "Coordinator.BAR"));

        Assert.Null(Resolver(trustPrincipal: false).Resolve(Request(AccessOptions.ClientPrincipalHeader, header)));
        Assert.Null(Resolver(trustPrincipal: true).Resolve(Request(AccessOptions.ClientPrincipalHeader, "not base64 json")));
        Assert.Null(Resolver(trustPrincipal: true).Resolve(Request(AccessOptions.ClientPrincipalHeader, Principal(("roles", "Admin.BAR")))));
    }
}

[Collection(AzuriteTests.Name)]
public sealed class AccessServiceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AFieldWorkerCannotRecordAColleaguesWork()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);

        var own = await worker.PostAsJsonAsync("/api/entries", Samples.Entry());
        var colleague = await worker.PostAsJsonAsync("/api/entries", Samples.Entry().With("workerCode", "BAR-12"));
        var batch = await worker.PostAsJsonAsync("/api/activities/batch", new JsonObject { ["records"] = new JsonArray(Samples.Activity().With("workerCodes", new JsonArray("BAR-12"))) });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, colleague.StatusCode);
        var result = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!;
        Assert.Equal("invalid", result["status"]!.GetValue<string>());
        Assert.Equal(["$.workerCodes"], result["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task AFunderSeesOnlyReportsWithSmallCellsHidden()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var funder = service.ClientWithKey(TestKeys.Funder);
        var hidden = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-07" });
        var shown = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-07", ["suppressSmallCells"] = false });

        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync(hidden.Headers.Location)).StatusCode);
        // The report with small cells shown answers the funder as a report that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await funder.GetAsync(shown.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await funder.GetAsync(shown.Headers.Location + "/workbook")).StatusCode);
        var listed = (await funder.GetFromJsonAsync<JsonObject>("/api/reports?programme=BAR"))!["reports"]!.AsArray();
        Assert.Equal(["BAR_2021-07_nl"], listed.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-07" })).StatusCode);
    }

    [Fact]
    public async Task TooManyRequestsFromOneKeyAreToldToWait()
    {
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:RequestsPerMinute"] = "5" });
        using var worker = service.ClientWithKey(TestKeys.FieldWorker);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await worker.GetAsync("/api/reference")).StatusCode);
        }
        var limited = await worker.GetAsync("/api/reference");
        var otherKey = await service.Client.GetAsync("/api/reference");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task UnknownKeysSpendABudgetOfTheirOwnNeverTheHealthChecksOrAnotherCallers()
    {
        // Behind the Functions host every request comes from one address: a budget per address would let one
        // client's bad keys lock everyone out.
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?> { ["Access:RequestsPerMinute"] = "5" });
        using var guessing = service.ClientWithKey("not-a-key");
        using var anonymous = service.ClientWithKey(null);

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            guesses.Add((await guessing.GetAsync($"/api/entries/{Guid.NewGuid()}")).StatusCode);
        }
        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            health.Add((await anonymous.GetAsync("/api/health")).StatusCode);
        }
        using var otherGuess = service.ClientWithKey("another-wrong-key");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), guesses.Take(5));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7), guesses.Skip(5));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 8), health);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/api/reference")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherGuess.GetAsync("/api/reference")).StatusCode);
    }
}
