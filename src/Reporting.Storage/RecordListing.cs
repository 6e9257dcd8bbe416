using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Reporting.Storage;

/// <summary>
/// Which records a list asks for: a programme's records dated from <see cref="From"/> to <see cref="To"/>, and
/// optionally only those of one worker, one municipality (NIS code) or one neighbourhood.
/// </summary>
public sealed record RecordQuery(string Programme, DateOnly From, DateOnly To)
{
    public string? Worker { get; init; }
    public string? Municipality { get; init; }
    public string? Neighbourhood { get; init; }
}

/// <summary>One page of a list: its records in key order (month, then id), and the key the next page starts after (null on the last page).</summary>
public sealed record RecordPage<T>(IReadOnlyList<T> Records, string? NextAfter);

/// <summary>
/// Lists of stored records, read from their period rows (which hold the whole record, written in the same
/// transaction as the record row, and gone when it is erased). A list is for people browsing and exporting, not
/// for counting: reports read through <see cref="ReportSource"/>, which guards against records moving between
/// months while they are read; a list read while a record is corrected into another month may show it twice or
/// not at all.
/// </summary>
public sealed partial class RecordStore<T>
{
    /// <summary>How many partitions are read at once.</summary>
    private const int ListParallelism = 8;

    /// <summary>
    /// A page of the live records matching <paramref name="query"/>, in the order of their period rows (month,
    /// then id), after the period row key <paramref name="after"/> (the previous page's
    /// <see cref="RecordPage{T}.NextAfter"/>; null for the first page). Every partition gives its first
    /// <paramref name="limit"/> + 1 matching rows after that key, and the page is the first <paramref name="limit"/>
    /// of all of them: whatever lies between two pages' keys is on one of them, so paging skips nothing.
    /// </summary>
    public async Task<RecordPage<T>> ListAsync(RecordQuery query, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await EnsureTableAsync(cancellationToken);
        var (from, before) = RecordKeys.PeriodRange(query.Programme, query.From, query.To);
        var found = new List<TableEntity>();
        var gate = new Lock();
        await Parallel.ForEachAsync(RecordKeys.AllPartitions, new ParallelOptions { MaxDegreeOfParallelism = ListParallelism, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var range = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {before}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {before}");
            var taken = new List<TableEntity>();
            await foreach (var row in Table.QueryAsync<TableEntity>(range + Conditions(query), maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: ct))
            {
                if (!HasWorker(row, query))
                {
                    continue;
                }
                taken.Add(row);
                if (taken.Count > limit)
                {
                    break;
                }
            }
            lock (gate)
            {
                found.AddRange(taken);
            }
        });
        found.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        var page = found.Take(limit).Select(Read).ToList();
        return new RecordPage<T>(page, found.Count > limit ? found[limit - 1].RowKey : null);
    }

    /// <summary>
    /// Every live record matching <paramref name="query"/>, month by month, each month's records by date and then
    /// id: only one month is held at a time.
    /// </summary>
    public async IAsyncEnumerable<T> ReadAllAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureTableAsync(cancellationToken);
        for (var month = new DateOnly(query.From.Year, query.From.Month, 1); month <= query.To; month = month.AddMonths(1))
        {
            var (from, before) = RecordKeys.PeriodRange(query.Programme, month, month);
            var found = new List<T>();
            var gate = new Lock();
            await Parallel.ForEachAsync(RecordKeys.AllPartitions, new ParallelOptions { MaxDegreeOfParallelism = ListParallelism, CancellationToken = cancellationToken }, async (partition, ct) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {before}") + Conditions(query);
                var taken = new List<T>();
                await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                {
                    var record = Read(row);
                    if (query.Worker is not { } worker || record.Workers.Contains(worker, StringComparer.Ordinal))
                    {
                        taken.Add(record);
                    }
                }
                lock (gate)
                {
                    found.AddRange(taken);
                }
            });
            foreach (var record in found.OrderBy(r => r.Date).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                yield return record;
            }
        }
    }

    /// <summary>What storage can filter on besides the key range: the dates of a period that is not whole months, municipality, neighbourhood, a one-worker field.</summary>
    private string Conditions(RecordQuery query)
    {
        var filter = RecordKeys.DateCondition(query.From, query.To);
        if (query.Municipality is { } municipality)
        {
            filter += TableClient.CreateQueryFilter($" and Municipality eq {municipality}");
        }
        if (query.Neighbourhood is { } neighbourhood)
        {
            filter += TableClient.CreateQueryFilter($" and Neighbourhood eq {neighbourhood}");
        }
        if (query.Worker is { } worker && _mapping.WorkerField is { } field)
        {
            // The field's name is ours, not the caller's: only the value goes through the filter's escaping.
            filter += " and " + field + TableClient.CreateQueryFilter($" eq {worker}");
        }
        return filter;
    }

    /// <summary>Whether a row is of the query's worker, for records that hold a list of workers (storage cannot filter inside a list).</summary>
    private bool HasWorker(TableEntity row, RecordQuery query) =>
        query.Worker is not { } worker || _mapping.WorkerField is not null
        || Read(row).Workers.Contains(worker, StringComparer.Ordinal);

    private T Read(TableEntity periodRow) => _mapping.Read(periodRow, RecordKeys.IdOfPeriodRow(periodRow.RowKey));
}
