using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.EndToEnd;

[Collection(AzuriteTests.Name)]
public sealed class ErasureTests(AzuriteFixture azurite)
{
    private static HttpRequestMessage Delete(string path, string? reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        if (reason is not null)
        {
            request.Headers.Add("X-Reason", reason);
        }
        return request;
    }

    [Fact]
    public async Task AnErasedRecordIsGoneFromReadsReportsAndCannotComeBack()
    {
        await using var service = await TestService.StartAsync(azurite);
        var keep = Samples.Entry(date: "2022-03-02");
        var erase = Samples.Entry(date: "2022-03-03");
        await service.PostJsonAsync("/api/entries", keep);
        await service.PostJsonAsync("/api/entries", erase);
        var id = erase["id"]!.GetValue<string>();

        var erased = await service.Client.SendAsync(Delete($"/api/entries/{id}", "GDPR request 2026-041"));
        var again = await service.Client.SendAsync(Delete($"/api/entries/{id}", "GDPR request 2026-041"));
        var read = await service.Client.GetAsync($"/api/entries/{id}");
        var repost = await service.PostJsonAsync("/api/entries", erase);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, repost.StatusCode);
        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["suppressSmallCells"] = false });
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, status["entries"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnErasureNeedsAReasonAndTheAuditKeepsItWithoutTheContent()
    {
        await using var service = await TestService.StartAsync(azurite);
        var entry = Samples.Entry();
        var id = entry["id"]!.GetValue<string>();
        var created = await service.PostJsonAsync("/api/entries", entry);
        using var correction = Samples.Put($"/api/entries/{id}", entry.With("place", "office"), created.Headers.ETag!.ToString());
        correction.Headers.Add("X-Reason", "wrong place");
        await service.Client.SendAsync(correction);

        var withoutReason = await service.Client.SendAsync(Delete($"/api/entries/{id}", null));
        var personalReason = await service.Client.SendAsync(Delete($"/api/entries/{id}", "asked by jan@example.org"));
        var erased = await service.Client.SendAsync(Delete($"/api/entries/{id}", "GDPR request 2026-042"));
        var audit = (await service.Client.GetFromJsonAsync<JsonObject>("/api/audit?programme=BAR"))!["entries"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, personalReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(["erased", "corrected"], audit.Select(a => a!["action"]!.ToString()));
        Assert.All(audit, a => Assert.Equal(id, a!["recordId"]!.GetValue<string>()));
        Assert.All(audit, a => Assert.Equal("key:coordinator", a!["caller"]!.GetValue<string>()));
        Assert.Equal(["GDPR request 2026-042", "wrong place"], audit.Select(a => a!["reason"]!.GetValue<string>()));
        Assert.DoesNotContain("outside", audit.ToJsonString());
    }
}
