using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Reporting.Storage;
using Reporting.Tests.Support;

namespace Reporting.Tests.Invariants;

/// <summary>
/// Report requests racing record posts through the queue: however the duplicate messages interleave, the report
/// ends ready with every record posted before the last request, and no message is left behind or poisoned.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ReportRequestRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RequestsRacingPostsEndInOneReadyReportCountingEveryRecordPostedBeforeTheLastRequest()
    {
        await using var service = await TestService.StartAsync(azurite);
        var posted = 0;
        for (var round = 0; round < 3; round++)
        {
            var posts = Enumerable.Range(0, 12).Select(async i =>
            {
                var response = await service.PostJsonAsync("/api/entries", Samples.Entry(date: $"2021-04-{i % 28 + 1:00}"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            });
            var requests = Enumerable.Range(0, 6).Select(async _ =>
                Assert.Equal(HttpStatusCode.Accepted, (await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-04" })).StatusCode));
            await Task.WhenAll(posts.Concat(requests));
            posted += 12;

            var last = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2021-04" });
            var askedAt = (await last.Content.ReadFromJsonAsync<JsonObject>())!["updatedAt"]!.GetValue<DateTimeOffset>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonObject status;
            while (true)
            {
                status = (await service.Client.GetFromJsonAsync<JsonObject>("/api/reports/BAR_2021-04_nl"))!;
                if (status["status"]!.GetValue<string>() == "ready" && status["completedAt"]!.GetValue<DateTimeOffset>() >= askedAt)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, status.ToJsonString());
                await Task.Delay(100);
            }
            Assert.Equal(posted, status["entries"]!.GetValue<long>());
        }

        var queue = new QueueClient(service.ConnectionString, TestService.QueueOf(service.TablePrefix), new QueueClientOptions(StorageRegistration.QueueServiceVersion));
        var drained = DateTime.UtcNow.AddSeconds(60);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < drained, "messages left in the report queue");
            await Task.Delay(200);
        }
        var poison = new QueueClient(service.ConnectionString, TestService.QueueOf(service.TablePrefix) + "-poison", new QueueClientOptions(StorageRegistration.QueueServiceVersion));
        Assert.Empty((await poison.PeekMessagesAsync(1)).Value);
    }
}
