using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Storage;

/// <summary>
/// Feeds the stored records of a report's scope to an aggregator: one query per month partition of the period,
/// asking only for the fields a report counts, page by page, so nothing but the current page is held.
/// </summary>
public sealed class ReportSource(RecordStore<LogbookEntry> entries, RecordStore<CollectiveActivity> activities)
{
    // Internal so that the benchmark's bare read asks storage for exactly the same fields.
    internal static readonly string[] EntryFields =
        ["ContentHash", "Municipality", "Postcode", "FirstContact", "Initiative", "Place", "Actions", "NonTakeUp", "Themes", "Vulnerabilities", "ReferenceVersion"];

    internal static readonly string[] ActivityFields =
        ["ContentHash", "Municipality", "Postcode", "Name", "Format", "Themes", "Participants", "ReferenceVersion"];

    /// <summary>The number of storage requests of the last <see cref="ReadAsync"/>; for the benchmark.</summary>
    public int LastRequestCount { get; private set; }

    public async Task ReadAsync(ReportScope scope, ReportAggregator aggregator, CancellationToken cancellationToken = default)
    {
        // A correction that a dead process left half-way between two months would count its record twice. (The
        // repair sets up the tables first.)
        await entries.RepairMovesAsync(cancellationToken);
        await activities.RepairMovesAsync(cancellationToken);
        var requests = 0;
        foreach (var month in scope.Period.Months())
        {
            var filter = Filter(scope, month);
            await foreach (var page in entries.Table.QueryPagesAsync(filter, EntryFields, cancellationToken: cancellationToken))
            {
                requests++;
                foreach (var e in page.Entities)
                {
                    aggregator.AddEntry(new EntryFacts(
                        e.GetString("ContentHash") ?? "",
                        e.GetString("Municipality") ?? "",
                        e.GetString("Postcode"),
                        e.GetString("FirstContact") ?? "",
                        e.GetString("Initiative") ?? "",
                        e.GetString("Place") ?? "",
                        e.GetString("Actions") ?? "",
                        e.GetString("NonTakeUp") ?? "",
                        e.GetString("Themes") ?? "",
                        e.GetString("Vulnerabilities"),
                        e.GetString("ReferenceVersion") ?? ""));
                }
            }
            await foreach (var page in activities.Table.QueryPagesAsync(filter, ActivityFields, cancellationToken: cancellationToken))
            {
                requests++;
                foreach (var a in page.Entities)
                {
                    aggregator.AddActivity(new ActivityFacts(
                        a.GetString("ContentHash") ?? "",
                        a.GetString("Municipality") ?? "",
                        a.GetString("Postcode"),
                        a.GetString("Name") ?? "",
                        a.GetString("Format") ?? "",
                        a.GetString("Themes") ?? "",
                        a.GetInt32("Participants"),
                        a.GetString("ReferenceVersion") ?? ""));
                }
            }
        }
        LastRequestCount = requests;
    }

    /// <summary>Whether a programme has any record in a period: one single-row query per month partition at most.</summary>
    public async Task<bool> HasRecordsAsync(string programme, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await entries.EnsureTablesAsync(cancellationToken);
        await activities.EnsureTablesAsync(cancellationToken);
        var scope = new ReportScope(programme, period);
        foreach (var month in period.Months())
        {
            var filter = Filter(scope, month);
            foreach (var table in new[] { entries.Table, activities.Table })
            {
                await foreach (var page in table.QueryPagesAsync(filter, ["RowKey"], pageSize: 1, cancellationToken))
                {
                    if (page.Entities.Count > 0)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static string Filter(ReportScope scope, DateOnly month)
    {
        var partition = RecordPartitions.PartitionOf(scope.Programme, month);
        var filter = TableFilter.Create($"PartitionKey eq {partition}");
        if (!scope.Period.CoversMonth(month))
        {
            filter += TableFilter.Create($" and Date ge {Format(scope.Period.From)} and Date le {Format(scope.Period.To)}");
        }
        if (scope.Municipality is { } municipality)
        {
            filter += TableFilter.Create($" and Municipality eq {municipality}");
        }
        if (scope.Campaign is { } campaign)
        {
            filter += TableFilter.Create($" and Campaign eq {campaign}");
        }
        return filter;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
