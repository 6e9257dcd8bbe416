using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reporting.LocalHost;
using Reporting.Tests.Support;

namespace Reporting.Tests.Access;

/// <summary>Every function × every caller (none, field worker, coordinator, funder) × own or other programme.</summary>
[Collection(AzuriteTests.Name)]
public sealed class AccessMatrixTests(AzuriteFixture azurite)
{
    private enum Who
    {
        Nobody,
        FieldWorker,
        Coordinator,
        Funder,
    }

    private static string? KeyOf(Who who) => who switch
    {
        Who.FieldWorker => TestKeys.FieldWorker,
        Who.Coordinator => TestKeys.Coordinator,
        Who.Funder => TestKeys.Funder,
        _ => null,
    };

    /// <summary>A record of programme BAR by the field worker, or of CHW by a CHW worker.</summary>
    private static JsonObject Entry(bool own) => own
        ? Samples.Entry()
        : Samples.Entry().With("programme", "CHW").With("workerCode", "CHW-01");

    private static JsonObject Activity(bool own) => own
        ? Samples.Activity()
        : Samples.Activity().With("programme", "CHW").With("workerCodes", new JsonArray("CHW-01"));

    private static async Task<string> StoreAsync(HttpClient owner, string path, JsonObject record)
    {
        var response = await owner.PostAsJsonAsync(path, record);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return record["id"]!.GetValue<string>();
    }

    private static async Task<string> ReadyReportAsync(HttpClient owner, string programme)
    {
        var requested = await owner.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = programme, ["period"] = "2021-05" });
        var url = requested.Headers.Location!.ToString();
        for (var i = 0; i < 300; i++)
        {
            var status = (await owner.GetFromJsonAsync<JsonObject>(url))!["status"]!.GetValue<string>();
            if (status == "ready")
            {
                return url.Split('/').Last();
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The report did not become ready.");
    }

    [Fact]
    public async Task EveryFunctionAnswersEveryCallerAsTheRolesAllow()
    {
        await using var service = await TestService.StartAsync(azurite);
        using var bar = service.ClientWithKey(TestKeys.Coordinator);
        using var chw = service.ClientWithKey(TestKeys.OtherCoordinator);
        var owners = new Dictionary<bool, HttpClient> { [true] = bar, [false] = chw };
        var barReport = await ReadyReportAsync(bar, "BAR");
        var chwReport = await ReadyReportAsync(chw, "CHW");

        // What each caller may do, by function: the expected status for (caller, own programme?).
        static HttpStatusCode Expect(Who who, bool own, HttpStatusCode ok, params Who[] allowed) =>
            who == Who.Nobody ? HttpStatusCode.Unauthorized
            : !allowed.Contains(who) || !own ? HttpStatusCode.Forbidden
            : ok;

        // A stored record or report of another programme answers as one that does not exist, to a caller whose
        // role may call the function; a role that may not call it at all is still refused.
        static HttpStatusCode ExpectStored(Who who, bool own, HttpStatusCode ok, params Who[] allowed) =>
            who == Who.Nobody ? HttpStatusCode.Unauthorized
            : !allowed.Contains(who) ? HttpStatusCode.Forbidden
            : !own ? HttpStatusCode.NotFound
            : ok;

        var cases = new List<(string Function, Who Who, bool Own, Func<HttpClient, Task<HttpResponseMessage>> Call, HttpStatusCode Expected)>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var own in new[] { true, false })
            {
                var programme = own ? "BAR" : "CHW";
                var ownerClient = owners[own];
                var entry = Entry(own);
                var activity = Activity(own);
                var writers = new[] { Who.FieldWorker, Who.Coordinator };

                cases.Add(("PostEntry", who, own, c => c.PostAsJsonAsync("/api/entries", Entry(own)), Expect(who, own, HttpStatusCode.Created, writers)));
                cases.Add(("PostActivity", who, own, c => c.PostAsJsonAsync("/api/activities", Activity(own)), Expect(who, own, HttpStatusCode.Created, writers)));
                // A batch answers per record: another programme's record is refused in its result, the batch itself is 200.
                var batchStatus = who is Who.Nobody ? HttpStatusCode.Unauthorized : writers.Contains(who) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                cases.Add(("PostEntryBatch", who, own, c => c.PostAsJsonAsync("/api/entries/batch", new JsonObject { ["records"] = new JsonArray(Entry(own)) }), batchStatus));
                cases.Add(("PostActivityBatch", who, own, c => c.PostAsJsonAsync("/api/activities/batch", new JsonObject { ["records"] = new JsonArray(Activity(own)) }), batchStatus));

                var entryId = await StoreAsync(ownerClient, "/api/entries", entry);
                var activityId = await StoreAsync(ownerClient, "/api/activities", activity);
                cases.Add(("GetEntry", who, own, c => c.GetAsync($"/api/entries/{entryId}"), ExpectStored(who, own, HttpStatusCode.OK, writers)));
                cases.Add(("GetActivity", who, own, c => c.GetAsync($"/api/activities/{activityId}"), ExpectStored(who, own, HttpStatusCode.OK, writers)));
                cases.Add(("PutEntry", who, own, async c =>
                {
                    var etag = (await ownerClient.GetAsync($"/api/entries/{entryId}")).Headers.ETag!.ToString();
                    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/entries/{entryId}") { Content = JsonContent.Create(entry.With("place", who == Who.Coordinator ? "office" : "phone")) };
                    put.Headers.TryAddWithoutValidation("If-Match", etag);
                    return await c.SendAsync(put);
                }, ExpectStored(who, own, HttpStatusCode.OK, writers)));
                cases.Add(("PutActivity", who, own, async c =>
                {
                    var etag = (await ownerClient.GetAsync($"/api/activities/{activityId}")).Headers.ETag!.ToString();
                    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/activities/{activityId}") { Content = JsonContent.Create(activity.With("participants", who == Who.Coordinator ? 40 : 41)) };
                    put.Headers.TryAddWithoutValidation("If-Match", etag);
                    return await c.SendAsync(put);
                }, ExpectStored(who, own, HttpStatusCode.OK, writers)));
                var erasable = await StoreAsync(ownerClient, "/api/entries", Entry(own));
                var erasableActivity = await StoreAsync(ownerClient, "/api/activities", Activity(own));
                cases.Add(("DeleteEntry", who, own, c => Delete(c, $"/api/entries/{erasable}"), ExpectStored(who, own, HttpStatusCode.NoContent, Who.Coordinator)));
                cases.Add(("DeleteActivity", who, own, c => Delete(c, $"/api/activities/{erasableActivity}"), ExpectStored(who, own, HttpStatusCode.NoContent, Who.Coordinator)));
                cases.Add(("ListEntries", who, own, c => c.GetAsync($"/api/entries?programme={programme}&period=2022"), Expect(who, own, HttpStatusCode.OK, writers)));
                cases.Add(("ListActivities", who, own, c => c.GetAsync($"/api/activities?programme={programme}&period=2022-05"), Expect(who, own, HttpStatusCode.OK, writers)));
                cases.Add(("ExportRecords", who, own, c => c.GetAsync($"/api/exports/entries?programme={programme}&period=2022-Q1"), Expect(who, own, HttpStatusCode.OK, Who.Coordinator)));
                cases.Add(("GetDataQuality", who, own, c => c.GetAsync($"/api/quality?programme={programme}&period=2022"), Expect(who, own, HttpStatusCode.OK, Who.Coordinator)));
                cases.Add(("ListAudit", who, own, c => c.GetAsync($"/api/audit?programme={programme}"), Expect(who, own, HttpStatusCode.OK, Who.Coordinator)));

                // Reference data and health have no programme: the same answer for "own" and "other".
                cases.Add(("GetReference", who, own, c => c.GetAsync("/api/reference"), Expect(who, true, HttpStatusCode.OK, writers)));
                cases.Add(("GetHealth", who, own, c => c.GetAsync("/api/health"), HttpStatusCode.OK));
                // The API description and its reference page are public, as the health check.
                cases.Add(("GetApiDescription", who, own, c => c.GetAsync("/api/openapi.json"), HttpStatusCode.OK));
                cases.Add(("GetApiReference", who, own, c => c.GetAsync("/api/docs"), HttpStatusCode.OK));
                cases.Add(("GetApiReferenceScript", who, own, c => c.GetAsync("/api/docs/scalar.js"), HttpStatusCode.OK));

                cases.Add(("PostReport", who, own, c => c.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = programme, ["period"] = "2021-06" }), Expect(who, own, HttpStatusCode.Accepted, Who.Coordinator)));
                var readers = new[] { Who.Coordinator, Who.Funder };
                var report = own ? barReport : chwReport;
                cases.Add(("ListReports", who, own, c => c.GetAsync($"/api/reports?programme={programme}"), Expect(who, own, HttpStatusCode.OK, readers)));
                cases.Add(("GetReport", who, own, c => c.GetAsync($"/api/reports/{report}"), ExpectStored(who, own, HttpStatusCode.OK, readers)));
                cases.Add(("GetReportWorkbook", who, own, c => c.GetAsync($"/api/reports/{report}/workbook"), ExpectStored(who, own, HttpStatusCode.OK, readers)));
            }
        }

        var httpFunctions = service.Services.GetRequiredService<IReadOnlyList<LocalFunction>>().Where(f => f.Trigger == TriggerKind.Http).Select(f => f.Name).ToList();
        Assert.Equal(httpFunctions.Order(), cases.Select(c => c.Function).Distinct().Order());
        var wrong = new List<string>();
        foreach (var (function, who, own, call, expected) in cases)
        {
            using var client = service.ClientWithKey(KeyOf(who));
            using var response = await call(client);
            if (response.StatusCode != expected)
            {
                wrong.Add($"{function} as {who} on {(own ? "own" : "other")} programme: {(int)response.StatusCode}, expected {(int)expected}");
            }
            else if ((int)expected is 401 or 403 or 404 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{function} as {who}: {(int)expected} without problem+json");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(4 * 2 * httpFunctions.Count, cases.Count);
    }

    private static Task<HttpResponseMessage> Delete(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("X-Reason", "Request 2026-117");
        return client.SendAsync(request);
    }
}
