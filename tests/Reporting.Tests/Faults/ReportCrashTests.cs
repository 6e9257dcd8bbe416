using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Reporting.Storage;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// The service process is killed (SIGKILL) while it makes a report, at moments spread over the run; storage is
/// then read directly: a report is never <c>ready</c> unless its whole workbook is stored, with every record of
/// the period counted. A service started afterwards makes the report again.
/// </summary>
[Collection(ReportCrashFaults.Name)]
public sealed class ReportCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int RecordsInPeriod = 3000;
    private const string CountLabel = "Individual interventions";

    private static readonly string[] Municipalities = ["21015", "21015", "21001", "21004", "21009", "21012", "21013"];
    private static readonly string[] Themes = ["E", "K", "F", "D", "S", "P", "C", "X", "G"];

    /// <summary>A service started after a killed one asks again at once: a run older than a second is taken as dead.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Reports__StaleAfter"] = "00:00:01",
        ["Access__RequestsPerMinute"] = "100000",
    };

    /// <summary>How many services are killed during a run; the first ones this many milliseconds after the request.</summary>
    private const int Kills = 5;
    private static readonly double[] FixedDelays = [0, 100, 300];

    private static JsonObject Request(string language) => new() { ["programme"] = "BAR", ["period"] = "2022", ["language"] = language };

    [Fact]
    public async Task AServiceKilledDuringAReportRunNeverLeavesItReadyWithoutItsWholeWorkbookAndARestartMakesIt()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var random = new Random(2022);
        var inPeriod = Enumerable.Range(0, RecordsInPeriod).Select(i => Samples.Entry(date: $"2022-{i % 12 + 1:00}-{i % 28 + 1:00}")
            .Without("neighbourhood")
            .With("municipality", Municipalities[random.Next(Municipalities.Length)])
            .With("themes", new JsonArray(Themes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(t => (JsonNode)t).ToArray())))
            .ToList();
        var outside = Enumerable.Range(0, 40).Select(i => Samples.Entry(date: i % 2 == 0 ? "2021-12-31" : "2023-01-01")).ToList();
        var storage = Options.Create(new StorageOptions { TablePrefix = prefix });
        var index = new ReportIndex(new TableServiceClient(azurite.ConnectionString), storage);
        var container = new WorkbookStore(new BlobServiceClient(azurite.ConnectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion)), storage);
        var locks = new ReportLocks(azurite.ConnectionString, prefix);

        // The records, and a first report (in Dutch) without interruption: how long a run takes here.
        TimeSpan runTime;
        string fingerprint;
        await using (var first = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings))
        {
            foreach (var chunk in inPeriod.Concat(outside).Chunk(250))
            {
                var posted = await first.Client.PostAsJsonAsync("/api/entries/batch", Samples.Batch(chunk));
                var results = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
                Assert.All(results, r => Assert.Equal("created", r!["status"]!.GetValue<string>()));
            }
            var clock = Stopwatch.StartNew();
            var requested = await first.Client.PostAsJsonAsync("/api/reports", Request("nl"));
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
            var status = await ReportPolling.WaitUntilDoneAsync(first.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(10));
            runTime = clock.Elapsed;
            Assert.Equal("ready", status["status"]!.GetValue<string>());
            Assert.Equal(RecordsInPeriod, status["entries"]!.GetValue<long>());
            fingerprint = status["fingerprint"]!.GetValue<string>();
        }
        output.WriteLine($"{ServiceProcess.Assembly}: a run of {RecordsInPeriod} records takes {runTime.TotalMilliseconds:0} ms");

        // Kill a service at moments from just after the request to the end of the run, homing in on the moment
        // its report becomes ready (the upload, then the index row): the latest kill that found it unfinished and
        // the earliest that found it ready close in on each other.
        var seen = new List<ReportStatus?>();
        var unfinishedUntil = TimeSpan.Zero;
        TimeSpan? readyFrom = null;
        var lastKill = Stopwatch.StartNew();
        for (var kill = 0; kill < Kills; kill++)
        {
            var delay = kill < FixedDelays.Length ? TimeSpan.FromMilliseconds(FixedDelays[kill])
                : readyFrom is { } ready ? (unfinishedUntil + ready) / 2
                : TimeSpan.FromTicks(Math.Min(Math.Max(unfinishedUntil.Ticks * 2, runTime.Ticks), TimeSpan.FromSeconds(10).Ticks));
            // A killed run's lock (a blob lease) lapses by itself; the next run waits for that, so the kills below
            // land in a run, not in that wait.
            await WaitForLockToLapseAsync(locks);
            await using var service = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings);
            // The previous run must look dead (older than StaleAfter) for this request to start a new one.
            if (lastKill.Elapsed < TimeSpan.FromSeconds(1.2))
            {
                await Task.Delay(TimeSpan.FromSeconds(1.2) - lastKill.Elapsed);
            }
            var requested = await service.Client.PostAsJsonAsync("/api/reports", Request("en"));
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
            await Task.Delay(delay);
            service.Kill();
            lastKill.Restart();

            var entry = await index.GetAsync("BAR_2022_en");
            seen.Add(entry?.Status);
            output.WriteLine($"Killed {delay.TotalMilliseconds:0} ms after the request: {entry?.Status.ToString() ?? "no row"}");
            if (entry is { Status: ReportStatus.Ready })
            {
                await AssertWholeWorkbookAsync(container, entry, fingerprint);
                readyFrom = readyFrom is null || delay < readyFrom ? delay : readyFrom;
            }
            else
            {
                unfinishedUntil = delay > unfinishedUntil ? delay : unfinishedUntil;
            }
        }
        Assert.Contains(seen, s => s is ReportStatus.Queued or ReportStatus.Running);

        // A service started again makes the report that the killed ones left unfinished.
        await using (var again = await ServiceProcess.StartAsync(azurite.ConnectionString, prefix, Settings))
        {
            if (lastKill.Elapsed < TimeSpan.FromSeconds(1.2))
            {
                await Task.Delay(TimeSpan.FromSeconds(1.2) - lastKill.Elapsed);
            }
            var requested = await again.Client.PostAsJsonAsync("/api/reports", Request("en"));
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
            var status = await ReportPolling.WaitUntilDoneAsync(again.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
            Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString() + "\n" + again.Output);
            Assert.Equal(RecordsInPeriod, status["entries"]!.GetValue<long>());
            Assert.Equal(fingerprint, status["fingerprint"]!.GetValue<string>());

            using var workbook = new MemoryStream(await again.Client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));
            Assert.Equal((double)RecordsInPeriod, ValueOf(WorkbookReader.ReadSheet(workbook, "Summary"), CountLabel));
            var municipalityByTheme = Table(WorkbookReader.ReadSheet(workbook, "Municipality × theme"));
            foreach (var municipality in Municipalities.Distinct())
            {
                foreach (var theme in Themes)
                {
                    var expected = inPeriod.Count(e => e["municipality"]!.GetValue<string>() == municipality
                        && e["themes"]!.AsArray().Any(t => t!.GetValue<string>() == theme));
                    Assert.Equal((double)expected, municipalityByTheme[(municipality, theme)]);
                }
            }
            await AssertWholeWorkbookAsync(container, (await index.GetAsync("BAR_2022_en"))!, fingerprint);
        }
    }

    /// <summary>Waits until a killed run's lock (a blob lease) has lapsed.</summary>
    private static async Task WaitForLockToLapseAsync(ReportLocks locks)
    {
        var deadline = DateTime.UtcNow + ReportLock.Duration + TimeSpan.FromSeconds(10);
        while (await locks.IsHeldAsync("BAR_2022_en") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>A ready report's blob, read straight from storage: its recorded size, a workbook that opens, every record counted.</summary>
    private static async Task AssertWholeWorkbookAsync(WorkbookStore container, ReportEntry entry, string fingerprint)
    {
        Assert.Equal(RecordsInPeriod, entry.Entries);
        Assert.Equal(fingerprint, entry.Fingerprint);
        Assert.NotNull(entry.BlobName);
        await using var download = await container.OpenAsync(entry.BlobName);
        Assert.NotNull(download);
        using var workbook = new MemoryStream();
        await download.Content.CopyToAsync(workbook);
        Assert.Equal(entry.Size, workbook.Length);
        Assert.Equal((double)RecordsInPeriod, ValueOf(WorkbookReader.ReadSheet(workbook, "Summary"), CountLabel));
    }
}
