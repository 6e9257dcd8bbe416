using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary>
/// The query of a record list, an export or a data-quality view, read from the URL in the service's own words:
/// <c>programme</c> (may be left out by a caller of one programme), <c>period</c> (2022, 2022-Q1, 2022-03),
/// optional <c>worker</c>, <c>municipality</c>, <c>neighbourhood</c>, and for lists <c>limit</c> and
/// <c>cursor</c>. A field worker's lists hold only their own records, whatever they ask. No invalid value is
/// repeated in an answer.
/// </summary>
internal sealed record RecordListQuery(RecordQuery Query, ReportPeriod Period, int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The query, or the answer to a query that cannot be run (400 naming every wrong value, or 403).</summary>
    public static (RecordListQuery? Query, IResult? Problem) Read(HttpRequest request, Caller caller, ReferenceData reference)
    {
        var errors = new ValidationErrors();
        var programme = Value(request, "programme") ?? (caller.Programmes.Count == 1 ? caller.Programmes.First() : null);
        if (programme is null)
        {
            errors.Add("query programme", HttpTexts.ListProgramme);
        }
        else if (!caller.MayActOn(programme))
        {
            return (null, FunctionGate.Forbidden(FunctionGate.NotYourProgramme(caller, programme, reference)));
        }
        var periodText = Value(request, "period");
        var period = periodText is null ? null : ReportPeriod.Parse(periodText);
        if (period is null)
        {
            errors.Add("query period", periodText is null ? HttpTexts.ListPeriodRequired : HttpTexts.ListPeriod);
        }
        var worker = Value(request, "worker");
        if (worker is not null && WorkerCodes.Problem(worker, programme) is { } badWorker)
        {
            errors.Add("query worker", badWorker);
        }
        if (caller.Role == Role.FieldWorker)
        {
            if (caller.WorkerCode is null || (worker is not null && !string.Equals(worker, caller.WorkerCode, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, FunctionGate.Forbidden(HttpTexts.OwnRecordsOnly));
            }
            // Stored worker codes are uppercase; a key's code may be configured otherwise.
            worker = caller.WorkerCode.ToUpperInvariant();
        }
        var municipality = Value(request, "municipality");
        if (municipality is not null && reference.FindMunicipality(municipality) is null)
        {
            errors.Add("query municipality", Texts.Municipality);
        }
        var neighbourhood = Value(request, "neighbourhood");
        if (neighbourhood is not null && reference.FindNeighbourhood(neighbourhood) is null)
        {
            errors.Add("query neighbourhood", Texts.Neighbourhood);
        }
        var limit = DefaultLimit;
        if (Value(request, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("query limit", HttpTexts.ListLimit.With(MaxLimit));
        }
        string? after = null;
        if (Value(request, "cursor") is { } cursor && programme is not null && period is not null)
        {
            after = Cursors.Decode(cursor);
            var (from, before) = RecordKeys.PeriodRange(programme, period.From, period.To);
            if (after is null || string.CompareOrdinal(after, from) < 0 || string.CompareOrdinal(after, before) >= 0)
            {
                errors.Add("query cursor", HttpTexts.RecordCursor);
            }
        }
        if (!errors.IsEmpty)
        {
            return (null, Problems.Validation(errors));
        }
        var query = new RecordQuery(programme!, period!.From, period.To) { Worker = worker, Municipality = municipality, Neighbourhood = neighbourhood };
        return (new RecordListQuery(query, period, limit, after), null);
    }

    /// <summary>The link to the page after <paramref name="after"/>: this query's path and values with the cursor that starts there.</summary>
    public string Next(string path, string after)
    {
        var query = new QueryBuilder
        {
            { "programme", Query.Programme },
            { "period", Period.Key },
        };
        if (Query.Worker is { } worker)
        {
            query.Add("worker", worker);
        }
        if (Query.Municipality is { } municipality)
        {
            query.Add("municipality", municipality);
        }
        if (Query.Neighbourhood is { } neighbourhood)
        {
            query.Add("neighbourhood", neighbourhood);
        }
        query.Add("limit", Limit.ToString(CultureInfo.InvariantCulture));
        query.Add("cursor", Cursors.Encode(after));
        return path + query.ToQueryString();
    }

    private static string? Value(HttpRequest request, string name) =>
        request.Query[name] is { Count: > 0 } value && value.ToString() is { Length: > 0 } text ? text : null;
}
