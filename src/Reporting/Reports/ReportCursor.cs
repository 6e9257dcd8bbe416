using System.Globalization;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Reports;

/// <summary>
/// Where a report stands in the list (newest period first: its start descending, then its end descending, then
/// programme and id), and the opaque cursor of a next link that carries it. Paging by this key rather than by
/// position skips nothing and repeats nothing when reports are requested between two pages.
/// </summary>
internal sealed record ReportListKey(DateOnly From, DateOnly To, string Programme, string Id);

internal static class ReportCursor
{
    public static IComparer<ReportListKey> Order { get; } = Comparer<ReportListKey>.Create(Compare);

    public static ReportListKey Of(ReportEntry report) => new(report.Scope.Period.From, report.Scope.Period.To, report.Scope.Programme, report.Id);

    public static int Compare(ReportListKey? a, ReportListKey? b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = b.From.CompareTo(a.From);
        if (order == 0)
        {
            order = b.To.CompareTo(a.To);
        }
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Programme, b.Programme);
        }
        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    public static string Encode(ReportListKey key) => Cursors.Encode($"{Day(key.From)}|{Day(key.To)}|{key.Programme}|{key.Id}");

    /// <summary>The key a cursor carries; null when it is not one this list gave.</summary>
    public static ReportListKey? Decode(string cursor)
    {
        var parts = Cursors.Decode(cursor)?.Split('|');
        return parts is { Length: 4 }
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            ? new ReportListKey(from, to, parts[2], parts[3])
            : null;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
