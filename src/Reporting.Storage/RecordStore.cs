using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Reporting.Domain;

namespace Reporting.Storage;

public enum WriteStatus
{
    Created,
    Duplicate,
    Conflict,
    Updated,
    NotFound,
    PreconditionFailed,
    Erased,

    /// <summary>The caller's check refused the change after seeing the record as stored.</summary>
    Refused,
}

/// <summary>What became of one write: the stored record when there is one, the fields at odds on a conflict, why a check refused it.</summary>
public sealed record WriteOutcome<T>(WriteStatus Status, StoredRecord<T>? Stored, IReadOnlyList<string>? ConflictingFields = null, string? Refusal = null)
    where T : IFieldRecord;

/// <summary>Who changes a record and why, as the audit trail keeps it (a pseudonymous caller id, a request reference).</summary>
public sealed record AuditNote(string Caller, string? Reason);

/// <summary>What an erasure did: the status, and the programme the record belonged to when it was read.</summary>
public sealed record EraseOutcome(WriteStatus Status, string? Programme, string? Refusal = null);

/// <summary>
/// Stores one kind of record. Every record lives in one partition of its table, chosen by its id, and never
/// leaves it: its record row, its period row (what reports read) and the audit rows of its changes are written
/// together in one entity group transaction, conditional on the record row's ETag. So a write is whole or not at
/// all, whatever dies when, and a retried or concurrent post of the same id never makes a second row. See
/// docs/decisions/0002-partition-keys.md for the layout and its invariants.
/// </summary>
public sealed partial class RecordStore<T> where T : IFieldRecord
{
    /// <summary>A record is two rows; a transaction holds at most 100 operations.</summary>
    private const int MaxRecordsPerTransaction = 50;

    /// <summary>Well below the 4 MiB a transaction's body may hold.</summary>
    private const int MaxTransactionBytes = 2 * 1024 * 1024;

    /// <summary>How often an erasure reads the record again when it changed between the read and the write.</summary>
    private const int EraseAttempts = 5;

    private readonly RecordMapping<T> _mapping;
    private readonly TimeProvider _time;
    private readonly string _referenceVersion;
    private readonly Once _table;

    public RecordStore(RecordMapping<T> mapping, TableServiceClient service, IOptions<StorageOptions> options, TimeProvider time, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _mapping = mapping;
        Table = service.GetTableClient(options.Value.TablePrefix + mapping.TableName);
        _time = time;
        _referenceVersion = reference.Version;
        _table = new Once(ct => Table.CreateIfNotExistsAsync(ct));
    }

    internal TableClient Table { get; }

    /// <summary>The kind of record (entry, activity), as the audit trail names it.</summary>
    public string Kind => _mapping.Kind;

    /// <summary>Creates the table once; retried on the next call when storage was unreachable.</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => _table.RunAsync(cancellationToken);

    /// <summary>The live record with this id; null when there is none or it was erased.</summary>
    public async Task<StoredRecord<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await ReadRecordRowAsync(id, cancellationToken);
        return row is null || IsErased(row) ? null : ToStored(row);
    }

    /// <summary>Stores a new record; the same id again answers Duplicate (same content), Conflict (other content) or Erased.</summary>
    public async Task<WriteOutcome<T>> CreateAsync(T record, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var write = Prepare(record);
        try
        {
            var response = await Table.SubmitTransactionAsync([Add(write.RecordRow), Add(write.PeriodRow)], cancellationToken);
            return new WriteOutcome<T>(WriteStatus.Created, Stored(write, response.Value[0]));
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return await ResolveExistingAsync(write, cancellationToken);
        }
    }

    /// <summary>
    /// Stores many new records with as few requests as the partitions allow: per partition, up to 50 records in
    /// one transaction. A transaction refused because some ids are already stored gets those resolved one by one
    /// (duplicate, conflict, erased) and is sent again without them, so each record gets its own outcome.
    /// </summary>
    public async Task<IReadOnlyList<WriteOutcome<T>>> CreateManyAsync(IReadOnlyList<T> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await EnsureTableAsync(cancellationToken);
        var outcomes = new WriteOutcome<T>[records.Count];
        var groups = records
            .Select((record, index) => (Index: index, Write: Prepare(record)))
            .GroupBy(p => p.Write.RecordRow.PartitionKey)
            .SelectMany(g => Chunks(g.ToList()));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            foreach (var (index, outcome) in await CreateGroupAsync(group, ct))
            {
                outcomes[index] = outcome;
            }
        });
        return outcomes;
    }

    private async Task<List<(int Index, WriteOutcome<T> Outcome)>> CreateGroupAsync(List<(int Index, PreparedWrite Write)> group, CancellationToken cancellationToken)
    {
        var done = new List<(int, WriteOutcome<T>)>();
        var pending = group;
        while (pending.Count > 0)
        {
            try
            {
                var response = await Table.SubmitTransactionAsync(pending.SelectMany(p => new[] { Add(p.Write.RecordRow), Add(p.Write.PeriodRow) }), cancellationToken);
                for (var i = 0; i < pending.Count; i++)
                {
                    done.Add((pending[i].Index, new WriteOutcome<T>(WriteStatus.Created, Stored(pending[i].Write, response.Value[2 * i]))));
                }
                return done;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Some ids are stored already: each record of the group is looked up, the stored ones answered, the
                // others sent again (another writer may have stored one of them meanwhile: then once more).
                var rows = new TableEntity?[pending.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                    async (i, ct) => rows[i] = await ReadRecordRowAsync(pending[i].Write.Record.Id, ct));
                var next = new List<(int, PreparedWrite)>();
                for (var i = 0; i < pending.Count; i++)
                {
                    if (rows[i] is { } row)
                    {
                        done.Add((pending[i].Index, Existing(pending[i].Write, row)));
                    }
                    else
                    {
                        next.Add(pending[i]);
                    }
                }
                if (next.Count == pending.Count)
                {
                    throw new InvalidOperationException($"A transaction of {Kind} records was refused as a conflict, yet none of its ids is stored.", e);
                }
                pending = next;
            }
        }
        return done;
    }

    /// <summary>
    /// Replaces a stored record if it is still the version the caller saw (<paramref name="ifMatch"/>).
    /// <paramref name="refusal"/> sees the record as stored (null when there is none) on the read the correction
    /// makes anyway, and answers why the caller may not change it, or null. A record whose programme or month
    /// changes gets its period row moved in the same transaction. The audit rows (under the programme the record
    /// had and, when it changes, the one it gets) are written with it.
    /// </summary>
    public async Task<WriteOutcome<T>> UpdateAsync(T record, ETag ifMatch, Func<T?, string?> refusal, AuditNote note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(note);
        var row = await ReadRecordRowAsync(record.Id, cancellationToken);
        var stored = row is null || IsErased(row) ? default : _mapping.Read(row, record.Id);
        if (refusal(stored) is { } refused)
        {
            return new WriteOutcome<T>(WriteStatus.Refused, null, Refusal: refused);
        }
        if (row is null || stored is null)
        {
            return new WriteOutcome<T>(WriteStatus.NotFound, null);
        }
        if (row.ETag != ifMatch)
        {
            return new WriteOutcome<T>(WriteStatus.PreconditionFailed, ToStored(row));
        }
        var write = Prepare(record, row.GetDateTimeOffset("RecordedAt"));
        if (write.Hash == row.GetString("ContentHash"))
        {
            return new WriteOutcome<T>(WriteStatus.Updated, ToStored(row));
        }

        var partition = row.PartitionKey;
        var oldPeriodRow = RecordKeys.PeriodRow(stored.Programme, stored.Date, stored.Id);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, write.RecordRow, ifMatch) };
        if (oldPeriodRow == write.PeriodRow.RowKey)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, write.PeriodRow, ETag.All));
        }
        else
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, oldPeriodRow), ETag.All));
            actions.Add(Add(write.PeriodRow));
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, RecordKeys.MovesRow) { ["MovedAt"] = _time.GetUtcNow() }));
        }
        actions.AddRange(AuditRows(partition, record.Id, AuditAction.Corrected, new[] { stored.Programme, record.Programme }.Distinct(), note));
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            return new WriteOutcome<T>(WriteStatus.Updated, Stored(write, response.Value[0]));
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            // The record changed (or was erased) after it was read: the caller's version is not the stored one.
            return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
        }
    }

    /// <summary>
    /// Erases a record: its record row becomes a tombstone that keeps only the id and the programme (so the id can
    /// never be stored again), its period row goes, and the audit row is written, all in one transaction.
    /// <paramref name="refusal"/> sees the programme the record has as it is read, and answers why the caller may
    /// not erase it, or null. Erasing an erased record changes nothing.
    /// </summary>
    public async Task<EraseOutcome> EraseAsync(string id, Func<string, string?> refusal, AuditNote note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(note);
        for (var attempt = 0; attempt < EraseAttempts; attempt++)
        {
            var row = await ReadRecordRowAsync(id, cancellationToken);
            if (row is null)
            {
                return new EraseOutcome(WriteStatus.NotFound, null);
            }
            var programme = row.GetString("Programme") ?? "";
            if (refusal(programme) is { } refused)
            {
                return new EraseOutcome(WriteStatus.Refused, programme, refused);
            }
            if (IsErased(row))
            {
                return new EraseOutcome(WriteStatus.Erased, programme);
            }
            var stored = _mapping.Read(row, id);
            var tombstone = new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["Erased"] = true,
                ["Programme"] = programme,
                ["ErasedAt"] = _time.GetUtcNow(),
            };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateReplace, tombstone, row.ETag),
                new(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, RecordKeys.PeriodRow(stored.Programme, stored.Date, id)), ETag.All),
                .. AuditRows(row.PartitionKey, id, AuditAction.Erased, [programme], note),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return new EraseOutcome(WriteStatus.Erased, programme);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                // Corrected (perhaps into another programme) after it was read: read it again, check again.
            }
        }
        return new EraseOutcome(WriteStatus.PreconditionFailed, null);
    }

    /// <summary>The id was stored before: compare with what is stored under it.</summary>
    private async Task<WriteOutcome<T>> ResolveExistingAsync(PreparedWrite write, CancellationToken cancellationToken)
    {
        var row = await ReadRecordRowAsync(write.Record.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Storing {Kind} {write.Record.Id} was refused as a conflict, yet its record row is not there.");
        return Existing(write, row);
    }

    private WriteOutcome<T> Existing(PreparedWrite write, TableEntity row)
    {
        if (IsErased(row))
        {
            return new WriteOutcome<T>(WriteStatus.Erased, null);
        }
        var stored = ToStored(row);
        return stored.ContentHash == write.Hash
            ? new WriteOutcome<T>(WriteStatus.Duplicate, stored)
            : new WriteOutcome<T>(WriteStatus.Conflict, stored, RecordJson.DifferingFields(stored.Record, write.Record));
    }

    private async Task<TableEntity?> ReadRecordRowAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(RecordKeys.PartitionOf(id), RecordKeys.RecordRow(id), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private IEnumerable<TableTransactionAction> AuditRows(string partition, string id, AuditAction action, IEnumerable<string> programmes, AuditNote note)
    {
        var at = _time.GetUtcNow();
        var n = 0;
        foreach (var programme in programmes)
        {
            var row = new TableEntity(partition, RecordKeys.AuditRow(programme, at, id, n++))
            {
                ["At"] = at,
                ["Caller"] = note.Caller,
                ["Action"] = action.ToString(),
                ["Kind"] = Kind,
                ["RecordId"] = id,
                ["Programme"] = programme,
            };
            if (note.Reason is not null)
            {
                row["Reason"] = note.Reason;
            }
            yield return Add(row);
        }
    }

    private sealed record PreparedWrite(T Record, string Hash, TableEntity RecordRow, TableEntity PeriodRow)
    {
        /// <summary>What the two rows weigh in a transaction's body, roughly: their text as UTF-16, with room for the JSON around it.</summary>
        public int Bytes { get; } = Weight(RecordRow) + Weight(PeriodRow);

        private static int Weight(TableEntity entity) =>
            entity.Sum(p => p.Key.Length + (p.Value is string s ? s.Length * 2 : 16) + 64) + 512;
    }

    private PreparedWrite Prepare(T record, DateTimeOffset? recordedAt = null)
    {
        var hash = RecordJson.ContentHash(record);
        var now = _time.GetUtcNow();
        var partition = RecordKeys.PartitionOf(record.Id);
        var recordRow = new TableEntity(partition, RecordKeys.RecordRow(record.Id));
        _mapping.Write(record, recordRow);
        recordRow["ReferenceVersion"] = _referenceVersion;
        recordRow["ContentHash"] = hash;
        recordRow["RecordedAt"] = recordedAt ?? now;
        recordRow["UpdatedAt"] = now;
        var periodRow = new TableEntity(partition, RecordKeys.PeriodRow(record.Programme, record.Date, record.Id));
        _mapping.Write(record, periodRow);
        periodRow["ReferenceVersion"] = _referenceVersion;
        periodRow["ContentHash"] = hash;
        return new PreparedWrite(record, hash, recordRow, periodRow);
    }

    /// <summary>A partition's records in transactions of at most 50 records and about 2 MiB.</summary>
    private static IEnumerable<List<(int Index, PreparedWrite Write)>> Chunks(List<(int Index, PreparedWrite Write)> partition)
    {
        var chunk = new List<(int, PreparedWrite)>();
        var bytes = 0;
        foreach (var item in partition)
        {
            if (chunk.Count > 0 && (chunk.Count == MaxRecordsPerTransaction || bytes + item.Write.Bytes > MaxTransactionBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }
            chunk.Add(item);
            bytes += item.Write.Bytes;
        }
        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    private static bool IsErased(TableEntity row) => row.GetBoolean("Erased") == true;

    /// <summary>The record as written, with the ETag storage gave its record row.</summary>
    private StoredRecord<T> Stored(PreparedWrite write, Response recordRowResponse)
    {
        var etag = recordRowResponse.Headers.ETag ?? throw new InvalidOperationException("Storage answered a write without an ETag.");
        var row = write.RecordRow;
        return new StoredRecord<T>(write.Record, _referenceVersion, write.Hash, row.GetDateTimeOffset("RecordedAt") ?? default, row.GetDateTimeOffset("UpdatedAt") ?? default, etag.ToString());
    }

    private StoredRecord<T> ToStored(TableEntity row) => new(
        _mapping.Read(row, RecordKeys.IdOfRecordRow(row.RowKey)),
        row.GetString("ReferenceVersion") ?? _referenceVersion,
        row.GetString("ContentHash") ?? "",
        row.GetDateTimeOffset("RecordedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.ETag.ToString());
}
