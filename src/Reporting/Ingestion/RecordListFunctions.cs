using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary>
/// Lists of stored records for the people who keep them: a programme's entries or activities of a period, page by
/// page (a field worker sees only their own); a coordinator's export of them as CSV (codes only, no free text);
/// and a coordinator's data-quality view.
/// </summary>
internal sealed class RecordListFunctions(
    FunctionGate gate, RecordStore<LogbookEntry> entries, RecordStore<CollectiveActivity> activities, ReferenceData reference)
{
    private static readonly Role[] Readers = [Role.FieldWorker, Role.Coordinator];
    private static readonly Role[] Coordinators = [Role.Coordinator];

    [Function("ListEntries")]
    public Task<IResult> ListEntries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entries")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Readers, caller => ListAsync(request, caller, entries, "/api/entries", cancellationToken));

    [Function("ListActivities")]
    public Task<IResult> ListActivities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Readers, caller => ListAsync(request, caller, activities, "/api/activities", cancellationToken));

    /// <summary><c>GET /api/exports/entries?programme=BAR&amp;period=2022-Q1</c> (or <c>activities</c>): the records as CSV.</summary>
    [Function("ExportRecords")]
    public Task<IResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "exports/{kind}")] HttpRequest request, string kind, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Coordinators, async caller =>
        {
            if (kind is not ("entries" or "activities"))
            {
                return Http.Problems.Status(StatusCodes.Status404NotFound, Http.HttpTexts.NotFoundTitle, Http.HttpTexts.ExportNotFound);
            }
            var (list, problem) = RecordListQuery.Read(request, caller, reference);
            if (list is null)
            {
                return problem!;
            }
            // The whole file is made before anything is sent: a storage failure answers an error, never half a file.
            var csv = kind == "entries"
                ? await RecordCsv.EntriesAsync(entries.ReadAllAsync(list.Query, cancellationToken), cancellationToken)
                : await RecordCsv.ActivitiesAsync(activities.ReadAllAsync(list.Query, cancellationToken), cancellationToken);
            var name = $"{list.Query.Programme}-{list.Period.Key}-{kind}.csv";
            return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
        });

    /// <summary><c>GET /api/quality?programme=BAR&amp;period=2022</c>: records per worker and month, records without a neighbourhood, what reports leave out.</summary>
    [Function("GetDataQuality")]
    public Task<IResult> Quality(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "quality")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Coordinators, async caller =>
        {
            var (list, problem) = RecordListQuery.Read(request, caller, reference);
            if (list is null)
            {
                return problem!;
            }
            var quality = new DataQuality(reference);
            await foreach (var entry in entries.ReadAllAsync(list.Query, cancellationToken))
            {
                quality.AddEntry(entry);
            }
            await foreach (var activity in activities.ReadAllAsync(list.Query, cancellationToken))
            {
                quality.AddActivity(activity);
            }
            var result = quality.Result();
            return TypedResults.Ok(new
            {
                programme = list.Query.Programme,
                period = list.Period.Key,
                referenceVersion = reference.Version,
                entries = result.Entries,
                activities = result.Activities,
                perWorker = result.PerWorker.Select(w => new { worker = w.Worker, month = w.Month, entries = w.Entries, activities = w.Activities }),
                withoutNeighbourhood = new
                {
                    entries = result.EntriesWithoutNeighbourhood,
                    activities = result.ActivitiesWithoutNeighbourhood,
                    records = result.WithoutNeighbourhood.Select(r => new { kind = r.Kind, id = r.Id, href = Href(r.Kind, r.Id) }),
                },
                findings = new
                {
                    count = result.FindingsCount,
                    items = result.Findings.Select(f => new { kind = f.Kind, id = f.Id, href = Href(f.Kind, f.Id), field = f.Field, code = f.Code, reason = f.Reason }),
                },
                truncated = result.Truncated,
            });
        });

    private async Task<IResult> ListAsync<T>(HttpRequest request, Caller caller, RecordStore<T> store, string path, CancellationToken cancellationToken) where T : IFieldRecord
    {
        var (list, problem) = RecordListQuery.Read(request, caller, reference);
        if (list is null)
        {
            return problem!;
        }
        var page = await store.ListAsync(list.Query, list.After, list.Limit, cancellationToken);
        var items = page.Records.Select(record =>
        {
            var json = JsonSerializer.SerializeToNode(record, RecordJson.Options)!.AsObject();
            json["href"] = $"{path}/{record.Id}";
            return json;
        }).ToList();
        return TypedResults.Json(new { items, next = page.NextAfter is { } after ? list.Next(path, after) : null }, RecordJson.Options);
    }

    private static string Href(string kind, string id) => kind == DataQuality.EntryKind ? $"/api/entries/{id}" : $"/api/activities/{id}";
}

/// <summary>
/// Records as CSV (RFC 4180: comma-separated, quoted when needed, CRLF): codes only, never free text (an
/// activity's name is left out). A list of codes is one field, its codes separated by spaces.
/// </summary>
internal static class RecordCsv
{
    public static readonly string[] EntryColumns =
        ["id", "date", "programme", "workerCode", "municipality", "postcode", "neighbourhood", "firstContact", "initiative", "place", "actions", "nonTakeUp", "themes", "vulnerabilities", "campaign"];

    public static readonly string[] ActivityColumns =
        ["id", "date", "programme", "workerCodes", "municipality", "postcode", "neighbourhood", "format", "regularity", "organisation", "themes", "participants", "partners", "campaign"];

    public static async Task<string> EntriesAsync(IAsyncEnumerable<LogbookEntry> records, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        Line(csv, EntryColumns);
        await foreach (var e in records.WithCancellation(cancellationToken))
        {
            Line(csv, [e.Id, Day(e.Date), e.Programme, e.WorkerCode, e.Municipality, e.Postcode, e.Neighbourhood, e.FirstContact, e.Initiative, e.Place,
                List(e.Actions), List(e.NonTakeUp), List(e.Themes), List(e.Vulnerabilities), e.Campaign]);
        }
        return csv.ToString();
    }

    public static async Task<string> ActivitiesAsync(IAsyncEnumerable<CollectiveActivity> records, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        Line(csv, ActivityColumns);
        await foreach (var a in records.WithCancellation(cancellationToken))
        {
            Line(csv, [a.Id, Day(a.Date), a.Programme, List(a.WorkerCodes), a.Municipality, a.Postcode, a.Neighbourhood, a.Format, a.Regularity, a.Organisation,
                List(a.Themes), Number(a.Participants), Number(a.Partners), a.Campaign]);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            csv.Append(Field(fields[i] ?? ""));
        }
        csv.Append("\r\n");
    }

    /// <summary>
    /// A field as CSV writes it: quoted when it holds a separator, a quote or a line break; and, so that a
    /// spreadsheet never takes it for a formula, with an apostrophe before a leading =, +, -, @ or control.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string List(IEnumerable<string> codes) => string.Join(' ', codes);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
