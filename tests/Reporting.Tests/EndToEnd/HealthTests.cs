using System.Net;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

/// <summary>A failing health check says which check failed and why, and nothing secret.</summary>
[Collection(AzuriteTests.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AFailingStorageCheckIsNamedWithItsInnermostCauseAndNoKey()
    {
        var closedPort = LocalPorts.Free();
        await using var service = await TestService.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = LocalAzurite.ConnectionString(closedPort, closedPort, closedPort),
        });

        var response = await service.Client.GetAsync("/api/health");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = JsonNode.Parse(text)!;
        Assert.Equal("unhealthy", health["status"]!.GetValue<string>());
        var failed = Assert.Single(health["failed"]!.AsArray())!;
        Assert.Equal("storage", failed["check"]!.GetValue<string>());
        var cause = failed["cause"]!.GetValue<string>();
        // The refused connection itself, not the retries' AggregateException around it.
        Assert.True(cause.StartsWith("SocketException: ", StringComparison.Ordinal) || cause.StartsWith("TimeoutException: ", StringComparison.Ordinal), cause);
        Assert.DoesNotContain("AggregateException", text, StringComparison.Ordinal);
        Assert.Equal(cause, health["storage"]!["error"]!.GetValue<string>());
        Assert.DoesNotContain(LocalAzurite.AccountKey[..12], text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AHealthyServiceListsNoFailedCheck()
    {
        await using var service = await TestService.StartAsync(azurite);

        var health = JsonNode.Parse(await service.Client.GetStringAsync("/api/health"))!;

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Empty(health["failed"]!.AsArray());
    }
}
