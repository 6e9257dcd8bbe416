using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Storage;

/// <summary>Records moved between months of a report's period every time the report read them.</summary>
public sealed class RecordsMovingException(string message) : Exception(message);

/// <summary>
/// Feeds the stored records of a report's scope to an aggregator: in every partition of both tables, the range of
/// the scope's programme and months of period rows, asking only for the fields a report counts, page by page.
/// Each partition is counted apart and its counts added to the report's, so only counts are held, never records.
/// <para>
/// Each record is counted exactly once. A partition read in one request is one snapshot of it (a transaction is
/// never seen half-done). A partition read in several pages is kept only if its move marker did not change from
/// before the first page to after the last; otherwise a record may have moved from a month already read to one
/// not read yet (counted twice) or the other way (missed), so the partition is read again, and after
/// <see cref="Attempts"/> reads that all met a move the report fails with a reason.
/// </para>
/// </summary>
public sealed class ReportSource(RecordStore<LogbookEntry> entries, RecordStore<CollectiveActivity> activities, IOptions<StorageOptions> options)
{
    /// <summary>How often one partition is read before the report gives up on records that keep moving.</summary>
    public const int Attempts = 5;

    /// <summary>The fields of a period row a report counts (and the benchmark's bare read asks for).</summary>
    public static IReadOnlyList<string> EntryFields { get; } =
        ["ContentHash", "Municipality", "Postcode", "FirstContact", "Initiative", "Place", "Actions", "NonTakeUp", "Themes", "Vulnerabilities", "ReferenceVersion", "Neighbourhood", "Date"];

    public static IReadOnlyList<string> ActivityFields { get; } =
        ["ContentHash", "Municipality", "Postcode", "Name", "Format", "Themes", "Participants", "ReferenceVersion", "Neighbourhood", "Regularity", "Organisation", "Date"];

    private readonly int _pageSize = options.Value.ReadPageSize;

    public async Task ReadAsync(ReportScope scope, ReportAggregator aggregator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(aggregator);
        await entries.EnsureTableAsync(cancellationToken);
        await activities.EnsureTableAsync(cancellationToken);
        var reads = new[] { (Table: entries.Table, Entries: true), (Table: activities.Table, Entries: false) }
            .SelectMany(kind => RecordKeys.AllPartitions.Select(partition => (kind.Table, kind.Entries, Partition: partition)));
        var gate = new Lock();
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (read, ct) =>
        {
            var counted = await ReadPartitionAsync(read.Table, read.Partition, scope, read.Entries, aggregator.Reference, ct);
            lock (gate)
            {
                aggregator.Add(counted);
            }
        });
    }

    /// <summary>
    /// Whether a programme has any record in a period: a single-row query of each partition's range, eight at a
    /// time, stopping at the first that finds one.
    /// </summary>
    public async Task<bool> HasRecordsAsync(string programme, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await entries.EnsureTableAsync(cancellationToken);
        await activities.EnsureTableAsync(cancellationToken);
        var scope = new ReportScope(programme, period);
        using var found = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var any = false;
        var probes = new[] { entries.Table, activities.Table }.SelectMany(table => RecordKeys.AllPartitions.Select(partition => (table, partition)));
        try
        {
            await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = found.Token }, async (probe, ct) =>
            {
                await foreach (var page in probe.table.QueryAsync<TableEntity>(Filter(scope, probe.partition), maxPerPage: 1, select: ["RowKey"], cancellationToken: ct).AsPages())
                {
                    if (page.Values.Count > 0)
                    {
                        any = true;
                        await found.CancelAsync();
                        return;
                    }
                }
            });
        }
        catch (OperationCanceledException) when (any && !cancellationToken.IsCancellationRequested)
        {
            // Stopped the other probes: one found a record.
        }
        return any;
    }

    /// <summary>The filter of a scope's period rows in one partition.</summary>
    public static string Filter(ReportScope scope, string partition)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (from, before) = RecordKeys.PeriodRange(scope.Programme, scope.Period.From, scope.Period.To);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {before}");
        filter += RecordKeys.DateCondition(scope.Period.From, scope.Period.To);
        if (scope.Municipality is { } municipality)
        {
            filter += TableClient.CreateQueryFilter($" and Municipality eq {municipality}");
        }
        if (scope.Campaign is { } campaign)
        {
            filter += TableClient.CreateQueryFilter($" and Campaign eq {campaign}");
        }
        return filter;
    }

    /// <summary>
    /// One partition's period rows of the scope, counted apart as one snapshot (see the class's remarks): the
    /// counts are kept only when the read was one request, or the partition's move marker did not change.
    /// </summary>
    private async Task<ReportAggregator> ReadPartitionAsync(TableClient table, string partition, ReportScope scope, bool isEntries, ReferenceData reference, CancellationToken cancellationToken)
    {
        var filter = Filter(scope, partition);
        var fields = isEntries ? EntryFields : ActivityFields;
        for (var attempt = 1; ; attempt++)
        {
            var before = await MarkerAsync(table, partition, cancellationToken);
            var counted = new ReportAggregator(scope, reference);
            var pages = 0;
            await foreach (var page in table.QueryAsync<TableEntity>(filter, _pageSize, fields, cancellationToken).AsPages())
            {
                pages++;
                foreach (var row in page.Values)
                {
                    if (isEntries)
                    {
                        counted.AddEntry(ToEntry(row));
                    }
                    else
                    {
                        counted.AddActivity(ToActivity(row));
                    }
                }
            }
            if (pages <= 1 || await MarkerAsync(table, partition, cancellationToken) == before)
            {
                return counted;
            }
            if (attempt == Attempts)
            {
                throw new RecordsMovingException(
                    $"Records of this period were moved between months each of the {Attempts} times the report read them; ask for the report again when the corrections are done.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
    }

    /// <summary>The ETag of a partition's move marker; default when no move has happened in it yet.</summary>
    private static async Task<ETag> MarkerAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(partition, RecordKeys.MovesRow, ["RowKey"], cancellationToken);
        return marker.HasValue ? marker.Value!.ETag : default;
    }

    private static EntryFacts ToEntry(TableEntity e) => new(
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
        e.GetString("ReferenceVersion") ?? "")
    {
        Neighbourhood = e.GetString("Neighbourhood"),
        Date = e.GetString("Date"),
    };

    private static ActivityFacts ToActivity(TableEntity a) => new(
        a.GetString("ContentHash") ?? "",
        a.GetString("Municipality") ?? "",
        a.GetString("Postcode"),
        a.GetString("Name") ?? "",
        a.GetString("Format") ?? "",
        a.GetString("Themes") ?? "",
        a.GetInt32("Participants"),
        a.GetString("ReferenceVersion") ?? "")
    {
        Neighbourhood = a.GetString("Neighbourhood"),
        Regularity = a.GetString("Regularity") ?? "",
        Organisation = a.GetString("Organisation") ?? "",
        Date = a.GetString("Date"),
    };

}
