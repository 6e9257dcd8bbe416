using Reporting.Access;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Microsoft.Azure.Functions.Worker;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Reports;

/// <summary>The report functions: request (202, made by the queue function), list, status, download.</summary>
internal sealed class ReportFunctions(FunctionGate gate, ReportService reports, ReportRequestReader reader, ReferenceData reference)
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly Role[] Readers = [Role.Coordinator, Role.Funder];

    [Function("PostReport")]
    public Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports")] HttpRequest request, CancellationToken ct) =>
        gate.RunAsync(request, [Role.Coordinator], async caller =>
        {
            var (document, problem) = await JsonBody.ReadAsync(request, MaxRequestBytes, ct);
            if (document is null)
            {
                return problem!;
            }
            using (document)
            {
                var errors = new ValidationErrors();
                var scope = reader.Read(document.RootElement, errors);
                if (scope is null)
                {
                    return Problems.Validation(errors);
                }
                if (!caller.MayActOn(scope.Programme))
                {
                    return FunctionGate.Forbidden(FunctionGate.NotYourProgramme(caller, scope.Programme, reference));
                }
                var entry = await reports.RequestAsync(scope, ct);
                return TypedResults.Accepted(StatusUrl(entry.Id), View(entry, caller));
            }
        });

    [Function("ListReports")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports")] HttpRequest request, CancellationToken ct) =>
        gate.RunAsync(request, Readers, async caller =>
        {
            var programme = request.Query["programme"] is { Count: > 0 } p ? p.ToString() : null;
            var periodText = request.Query["period"] is { Count: > 0 } q ? q.ToString() : null;
            var kindText = request.Query["kind"] is { Count: > 0 } k ? k.ToString() : null;
            if (programme is not null && !caller.MayActOn(programme))
            {
                return FunctionGate.Forbidden(FunctionGate.NotYourProgramme(caller, programme, reference));
            }
            var errors = new ValidationErrors();
            var period = periodText is null ? null : ReportPeriod.Parse(periodText);
            if (periodText is not null && period is null)
            {
                errors.Add("query period", HttpTexts.QueryPeriod);
            }
            PeriodKind? kind = kindText?.ToLowerInvariant() switch
            {
                null => null,
                "month" => PeriodKind.Month,
                "quarter" => PeriodKind.Quarter,
                "year" => PeriodKind.Year,
                "range" => PeriodKind.Range,
                _ => (PeriodKind?)null,
            };
            if (kindText is not null && kind is null)
            {
                errors.Add("query kind", HttpTexts.QueryKind);
            }
            var limit = DefaultListLimit;
            if (request.Query["limit"] is { Count: > 0 } limitText
                && (!int.TryParse(limitText.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxListLimit))
            {
                errors.Add("query limit", HttpTexts.ReportListLimit.With(MaxListLimit));
            }
            var after = request.Query["cursor"] is { Count: > 0 } cursorText ? ReportCursor.Decode(cursorText.ToString()) : null;
            if (request.Query["cursor"].Count > 0 && after is null)
            {
                errors.Add("query cursor", HttpTexts.ReportCursor);
            }
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }
            // A year lists its own reports, its quarters' and its months' (and ranges within it); newest period first.
            var list = await reports.ListAsync(programme, null, ct);
            var ordered = list
                .Where(r => MaySee(caller, r))
                .Where(r => period is null || (r.Scope.Period.From >= period.From && r.Scope.Period.To <= period.To))
                .Where(r => kind is null || r.Scope.Period.Kind == kind)
                .Select(r => (Key: ReportCursor.Of(r), Report: r))
                .Where(r => after is null || ReportCursor.Compare(r.Key, after) > 0)
                .OrderBy(r => r.Key, ReportCursor.Order)
                .Take(limit + 1)
                .ToList();
            string? next = null;
            if (ordered.Count > limit)
            {
                var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(request.Query
                    .Where(q => q.Key is not ("cursor" or "limit"))
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
                {
                    { "limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    { "cursor", ReportCursor.Encode(ordered[limit - 1].Key) },
                };
                next = "/api/reports" + query.ToQueryString();
            }
            return TypedResults.Ok(new { reports = ordered.Take(limit).Select(r => View(r.Report, caller)), next });
        });

    public const int DefaultListLimit = 100;
    public const int MaxListLimit = 500;

    [Function("GetReport")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        gate.RunAsync(request, Readers, async caller =>
        {
            var entry = await reports.GetAsync(id, ct);
            if (entry is null || !MaySee(caller, entry))
            {
                return NotFound();
            }
            var editions = (await reports.ListEditionsAsync(entry, ct)).Where(e => MaySee(caller, e)).Select(e => ViewOf(entry, e)).ToList();
            return TypedResults.Ok(View(entry, caller) with { Editions = editions, Edition = editions.Count == 0 ? null : editions[^1].Edition });
        });

    [Function("GetReportWorkbook")]
    public Task<IResult> GetWorkbook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{id}/workbook")] HttpRequest request, string id, CancellationToken ct) =>
        gate.RunAsync(request, Readers, async caller =>
        {
            var entry = await reports.GetAsync(id, ct);
            if (entry is null || !MaySee(caller, entry))
            {
                return NotFound();
            }
            if (request.Query.ContainsKey("edition"))
            {
                // One edition, whatever the report's status now: every edition stays downloadable.
                var asked = request.Query["edition"].ToString();
                var edition = int.TryParse(asked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    ? (await reports.ListEditionsAsync(entry, ct)).FirstOrDefault(e => e.Number == number && MaySee(caller, e))
                    : null;
                if (edition is null)
                {
                    return Problems.Status(StatusCodes.Status404NotFound, HttpTexts.NoSuchEditionTitle,
                        HttpTexts.NoSuchEdition.With(asked.Length > 10 ? asked[..10] : asked, StatusUrl(id)));
                }
                var file = await reports.OpenEditionAsync(edition, ct);
                if (file is null)
                {
                    return Problems.Status(StatusCodes.Status404NotFound, HttpTexts.EditionMissingTitle, HttpTexts.EditionMissing.With(number));
                }
                request.HttpContext.Response.RegisterForDisposeAsync(file);
                return TypedResults.Stream(file.Content, ReportService.XlsxContentType, FileNameOf(entry, edition.Number));
            }
            var download = await reports.OpenWorkbookAsync(entry, ct);
            if (download is null && entry.Status == ReportStatus.Ready)
            {
                // Ready, but its workbook is gone (deleted from the container, lost in a restore): made again, as a
                // coordinator's request would, instead of answering "not ready" for ever.
                var again = await reports.RequestAsync(entry.Scope, ct);
                return Problems.Status(StatusCodes.Status409Conflict, HttpTexts.ReportMadeAgainTitle,
                    HttpTexts.ReportMadeAgain.With(again.Status.ToString().ToLowerInvariant(), StatusUrl(id)));
            }
            if (download is null)
            {
                return Problems.Status(StatusCodes.Status409Conflict, HttpTexts.ReportNotReadyTitle,
                    HttpTexts.ReportNotReady.With(entry.Status.ToString().ToLowerInvariant(), StatusUrl(entry.Id)));
            }
            request.HttpContext.Response.RegisterForDisposeAsync(download);
            return TypedResults.Stream(download.Content, ReportService.XlsxContentType, FileNameOf(entry));
        });

    /// <summary>
    /// Coordinators see every report of their programmes; funders only the workbooks published for them: a
    /// programme's month, quarter or year with small cells hidden (<see cref="ReportService.ForFunders"/>), of a
    /// period that had closed when it was made (never a provisional one).
    /// </summary>
    public static bool MaySee(Caller caller, ReportEntry report) =>
        caller.MayActOn(report.Scope.Programme)
        && (caller.Role == Role.Coordinator || (caller.Role == Role.Funder && ReportService.ForFunders(report.Scope) && !report.Provisional));

    public sealed record ReportView(
        string Id, string Programme, string Period, string PeriodKind, string From, string To, string? Municipality, string? Campaign,
        string Language, bool SplitBrussels, bool SuppressSmallCells, string Status, string? Reason, bool Provisional, long? Entries, long? Activities, long? Size, string? Fingerprint,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, string StatusUrl, string? DownloadUrl, string? FileName)
    {
        /// <summary>What a ready report's reader should know beyond its status (a new edition held back).</summary>
        public string? Notice { get; init; }

        /// <summary>The current edition's number (the report's detail only).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public int? Edition { get; init; }

        /// <summary>Every edition the caller may download, oldest first (the report's detail only).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<EditionView>? Editions { get; init; }
    }

    public sealed record EditionView(int Edition, string Fingerprint, DateTimeOffset CompletedAt, long Size, bool Provisional, string DownloadUrl, string FileName);

    /// <summary>A funder sees the editions made after the period closed; a coordinator every one.</summary>
    private static bool MaySee(Caller caller, ReportEdition edition) => caller.Role == Role.Coordinator || !edition.Provisional;

    private static EditionView ViewOf(ReportEntry report, ReportEdition e) => new(
        e.Number, e.Fingerprint, e.CompletedAt, e.Size, e.Provisional,
        $"{StatusUrl(report.Id)}/workbook?edition={e.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}", FileNameOf(report, e.Number));

    /// <summary>
    /// A report's status as its caller may see it. A funder gets neither its exact numbers of records (the workbook
    /// may have hidden them as small) nor why it failed (the audit's reason names ranges of hidden counts).
    /// </summary>
    private static ReportView View(ReportEntry r, Caller caller)
    {
        var view = View(r);
        return caller.Role == Role.Coordinator ? view : view with
        {
            Entries = null,
            Activities = null,
            Reason = r.Reason is null ? null : "The report could not be made; a coordinator of the programme can see why.",
        };
    }

    private static ReportView View(ReportEntry r) => new(
        r.Id, r.Scope.Programme, r.Scope.Period.Key, r.Scope.Period.Kind.ToString().ToLowerInvariant(),
        r.Scope.Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        r.Scope.Period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        r.Scope.Municipality, r.Scope.Campaign, r.Scope.Language.ToString().ToLowerInvariant(), r.Scope.SplitBrussels, !r.Scope.Unsuppressed,
        r.Status.ToString().ToLowerInvariant(), r.Reason, r.Provisional, r.Entries, r.Activities, r.Size, r.Fingerprint,
        r.CreatedAt, r.UpdatedAt, r.CompletedAt, StatusUrl(r.Id),
        r.Status == ReportStatus.Ready ? StatusUrl(r.Id) + "/workbook" : null,
        r.Status == ReportStatus.Ready ? FileNameOf(r) : null)
    {
        Notice = r.Notice,
    };

    private static string StatusUrl(string id) => "/api/reports/" + id;

    /// <summary>A file name that says what the workbook is: Reporting_BAR_2022-Q1_nl.xlsx.</summary>
    public static string FileNameOf(ReportEntry report) => $"Reporting_{report.Id}.xlsx";

    /// <summary>An edition's file name: Reporting_BAR_2022-Q1_nl_edition-2.xlsx.</summary>
    public static string FileNameOf(ReportEntry report, int edition) =>
        $"Reporting_{report.Id}_edition-{edition.ToString(System.Globalization.CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>
    /// The one answer for a report id that is not stored or of a report the caller may not see (another
    /// programme; for a funder, one with small cells shown): the same bytes, so that it tells nothing about other
    /// programmes' reports. The id is not repeated: the caller has it, and a path may hold anything.
    /// </summary>
    private static IResult NotFound() =>
        Problems.Status(StatusCodes.Status404NotFound, HttpTexts.NotFoundTitle, HttpTexts.ReportNotFound);
}
