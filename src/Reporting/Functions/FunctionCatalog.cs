using Reporting.Access;
using Reporting.Domain.Aggregation;

namespace Reporting.Functions;

/// <summary>
/// An HTTP function: its name in the Functions host, its method, its route below <c>/api</c>, and the roles that
/// may call it (none: anyone, as for the health check).
/// </summary>
internal sealed record HttpFunction(string Name, string Method, string Route, params Role[] Roles)
{
    public string Path => "/" + FunctionCatalog.RoutePrefix + "/" + Route;
}

/// <summary>
/// A timer function: the Functions host invokes it as <c>POST /{Name}</c> on its NCRONTAB schedule (UTC); it
/// produces the reports of the periods of its kind that have closed.
/// </summary>
internal sealed record TimerFunction(string Name, string Schedule, PeriodKind Period)
{
    public string Path => "/" + Name;
}

/// <summary>
/// The one table that names the service's functions. The app maps its endpoints from it, and the deployment's
/// <c>function.json</c> files are produced from it (<see cref="FunctionMetadata"/>), so the two cannot drift apart.
/// </summary>
internal static class FunctionCatalog
{
    public const string RoutePrefix = "api";

    public static readonly HttpFunction PostEntry = new("PostEntry", "POST", "entries", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction PostEntryBatch = new("PostEntryBatch", "POST", "entries/batch", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction GetEntry = new("GetEntry", "GET", "entries/{id}", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction PutEntry = new("PutEntry", "PUT", "entries/{id}", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction PostActivity = new("PostActivity", "POST", "activities", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction PostActivityBatch = new("PostActivityBatch", "POST", "activities/batch", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction GetActivity = new("GetActivity", "GET", "activities/{id}", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction DeleteEntry = new("DeleteEntry", "DELETE", "entries/{id}", Role.Coordinator);
    public static readonly HttpFunction DeleteActivity = new("DeleteActivity", "DELETE", "activities/{id}", Role.Coordinator);
    public static readonly HttpFunction ListAudit = new("ListAudit", "GET", "audit", Role.Coordinator);
    public static readonly HttpFunction PutActivity = new("PutActivity", "PUT", "activities/{id}", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction GetReference = new("GetReference", "GET", "reference", Role.FieldWorker, Role.Coordinator);
    public static readonly HttpFunction GetHealth = new("GetHealth", "GET", "health");
    public static readonly HttpFunction PostReport = new("PostReport", "POST", "reports", Role.Coordinator);
    public static readonly HttpFunction ListReports = new("ListReports", "GET", "reports", Role.Coordinator, Role.Funder);
    public static readonly HttpFunction GetReport = new("GetReport", "GET", "reports/{id}", Role.Coordinator, Role.Funder);
    public static readonly HttpFunction GetReportWorkbook = new("GetReportWorkbook", "GET", "reports/{id}/workbook", Role.Coordinator, Role.Funder);

    // 02:00 UTC on the first of the month is already the first in Brussels (UTC+1 or +2): the previous period has closed.
    public static readonly TimerFunction MonthlyReports = new("MonthlyReports", "0 0 2 1 * *", PeriodKind.Month);
    public static readonly TimerFunction QuarterlyReports = new("QuarterlyReports", "0 20 2 1 1,4,7,10 *", PeriodKind.Quarter);
    public static readonly TimerFunction YearlyReports = new("YearlyReports", "0 40 2 1 1 *", PeriodKind.Year);

    public static IReadOnlyList<HttpFunction> Http { get; } =
    [
        PostEntry, PostEntryBatch, GetEntry, PutEntry, DeleteEntry,
        PostActivity, PostActivityBatch, GetActivity, PutActivity, DeleteActivity, ListAudit,
        GetReference, GetHealth,
        PostReport, ListReports, GetReport, GetReportWorkbook,
    ];

    public static IReadOnlyList<TimerFunction> Timers { get; } = [MonthlyReports, QuarterlyReports, YearlyReports];
}
