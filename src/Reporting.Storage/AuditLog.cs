using Azure.Data.Tables;
using Reporting.Domain;

namespace Reporting.Storage;

public enum AuditAction
{
    Corrected,
    Erased,
}

/// <summary>One line of the audit trail: who did what to which record id, when, and why. Never the record's content.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Caller, AuditAction Action, string Kind, string RecordId, string Programme, string? Reason);

/// <summary>
/// The audit trail of corrections and erasures. Its rows live beside the records they speak of, written in the
/// same transaction as the change (see <see cref="RecordStore{T}"/>), so a change is never without its line and a
/// line never without its change. A programme's trail is read from every partition of both tables, newest first.
/// </summary>
public sealed class AuditLog(RecordStore<LogbookEntry> entries, RecordStore<CollectiveActivity> activities)
{
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string programme, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await entries.EnsureTableAsync(cancellationToken);
        await activities.EnsureTableAsync(cancellationToken);
        var (from, before) = RecordKeys.AuditRange(programme);
        var found = new List<AuditEntry>();
        var gate = new Lock();
        var reads = new[] { entries.Table, activities.Table }.SelectMany(table => RecordKeys.AllPartitions.Select(partition => (table, partition)));
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (read, ct) =>
        {
            // Each partition's rows come newest first (the row key holds the inverted time): its first max are enough.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {read.partition} and RowKey ge {from} and RowKey lt {before}");
            var taken = new List<AuditEntry>();
            await foreach (var e in read.table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: ct))
            {
                taken.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("Caller") ?? "", Enum.Parse<AuditAction>(e.GetString("Action")!),
                    e.GetString("Kind") ?? "", e.GetString("RecordId") ?? "", programme, e.GetString("Reason")));
                if (taken.Count >= max)
                {
                    break;
                }
            }
            lock (gate)
            {
                found.AddRange(taken);
            }
        });
        return found.OrderByDescending(e => e.At).ThenBy(e => e.RecordId, StringComparer.Ordinal).Take(max).ToList();
    }
}
