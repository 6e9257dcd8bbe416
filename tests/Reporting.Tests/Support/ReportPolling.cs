using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reporting.Tests.Support;

/// <summary>Polls a report's status URL as a coordinator's client would, until the report is ready or failed.</summary>
public static class ReportPolling
{
    public static async Task<JsonObject> WaitUntilDoneAsync(HttpClient client, string statusUrl, TimeSpan interval)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<JsonObject>(statusUrl))!;
            if (status["status"]!.GetValue<string>() is "ready" or "failed" || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(interval);
        }
    }

    /// <summary>Polls a report list until none of its reports is queued or running; returns the list.</summary>
    public static async Task<JsonArray> WaitUntilAllDoneAsync(HttpClient client, string listUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var reports = (await client.GetFromJsonAsync<JsonObject>(listUrl))!["reports"]!.AsArray();
            if (reports.All(r => r!["status"]!.GetValue<string>() is "ready" or "failed") || DateTime.UtcNow > deadline)
            {
                return reports;
            }
            await Task.Delay(100);
        }
    }
}
