using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Invariants;

/// <summary>
/// What a record list promises while records keep coming in (decision 0002): paging through it gives every record
/// that was stored before it began exactly once, never one record twice, and nothing of another period; records
/// posted meanwhile may or may not be on it.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordListRaceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Rounds = 4;

    private static readonly Dictionary<string, string?> Unlimited = new() { ["Access:RequestsPerMinute"] = "1000000" };

    private static JsonObject Entry(Random random) =>
        Samples.Entry(date: $"2022-0{random.Next(3, 5)}-{random.Next(1, 29):D2}").With("workerCode", random.Next(2) == 0 ? "BAR-07" : "BAR-12");

    [Fact]
    public async Task PagingWhileRecordsArePostedGivesEveryEarlierRecordOnceAndNoneTwice()
    {
        await using var service = await TestService.StartAsync(azurite, Unlimited);
        var random = new Random(31);
        var before = new List<JsonObject>();
        var during = new List<JsonObject>();
        for (var round = 0; round < Rounds; round++)
        {
            var earlier = Enumerable.Range(0, 40).Select(_ => Entry(random)).ToList();
            Assert.Equal(HttpStatusCode.OK, (await service.PostJsonAsync("/api/entries/batch", Samples.Batch(earlier))).StatusCode);
            before.AddRange(earlier);
            var later = Enumerable.Range(0, 60).Select(_ => Entry(random)).ToList();
            during.AddRange(later);

            // Writers post the later records in small batches while a reader pages through March five at a time.
            var writing = Task.Run(async () =>
            {
                foreach (var chunk in later.Chunk(6))
                {
                    Assert.Equal(HttpStatusCode.OK, (await service.PostJsonAsync("/api/entries/batch", Samples.Batch(chunk))).StatusCode);
                }
            });
            var listed = new List<string>();
            var pages = 0;
            for (var url = "/api/entries?programme=BAR&period=2022-03&limit=5"; url is not null; pages++)
            {
                Assert.True(pages < 500, "The list never ended.");
                var page = (await service.Client.GetFromJsonAsync<JsonObject>(url))!;
                listed.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
                url = page["next"]?.GetValue<string>()!;
            }
            await writing;

            var march = (JsonObject e) => e["date"]!.GetValue<string>().StartsWith("2022-03", StringComparison.Ordinal);
            Assert.Equal(listed.Count, listed.Distinct().Count());
            Assert.Empty(before.Where(march).Select(e => e["id"]!.GetValue<string>()).Except(listed));
            Assert.Empty(listed.Except(before.Concat(during).Where(march).Select(e => e["id"]!.GetValue<string>())));
            output.WriteLine($"round {round}: {pages} pages, {listed.Count} listed, {before.Count(march)} stored before");
        }
    }
}
