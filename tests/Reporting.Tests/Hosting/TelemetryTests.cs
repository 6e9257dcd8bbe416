using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>A trace per request and per report run, and report metrics: codes and counts, nothing personal.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ARequestAndAReportRunLeaveTracesAndMetricsWithCountsAndNothingPersonal()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Reporting",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Reporting")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        meters.Start();

        await using var service = await TestService.StartAsync(azurite);
        var entries = Enumerable.Range(0, 3).Select(i => Samples.Entry(date: $"2020-07-{i + 1:00}")).ToList();
        foreach (var entry in entries)
        {
            Assert.Equal(HttpStatusCode.Created, (await service.PostJsonAsync("/api/entries", entry)).StatusCode);
        }
        var requested = await service.PostJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2020-07" });
        var report = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(100));
        Assert.Equal("ready", report["status"]!.GetValue<string>());

        // The run's trace ends just after it marked the report ready: wait for it (at most ten seconds).
        static bool IsRun(Activity a) => a.OperationName == "Report run" && (string?)a.GetTagItem("report.id") == "BAR_2020-07_nl";
        for (var waited = 0; waited < 100 && !activities.Any(IsRun); waited++)
        {
            await Task.Delay(100);
        }
        var run = activities.Single(IsRun);
        Assert.Equal("ready", run.GetTagItem("report.status"));
        Assert.Equal(3L, run.GetTagItem("report.entries"));
        Assert.Contains(activities, a => a.OperationName == "Request" && (string?)a.GetTagItem("http.route") == "/api/entries"
            && (string?)a.GetTagItem("reporting.role") == "Coordinator");
        meters.RecordObservableInstruments();
        Assert.Contains(measurements, m => m.Instrument == "reporting.report.duration" && m.Tags == "report.status=ready");
        Assert.Contains(measurements, m => m.Instrument == "reporting.report.records" && m.Value == 3 && m.Tags == "record.kind=entry");

        // No tag holds a key, a record's id, a worker code or anything a record says beyond codes and counts.
        var values = activities.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? "")).ToList();
        string[] secrets = [TestKeys.Coordinator, .. entries.Select(e => e["id"]!.GetValue<string>()), entries[0]["workerCode"]!.GetValue<string>()];
        Assert.DoesNotContain(values, v => secrets.Any(s => v.Contains(s, StringComparison.OrdinalIgnoreCase)));
    }
}
