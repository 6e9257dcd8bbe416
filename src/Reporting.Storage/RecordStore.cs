using Azure;
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

/// <summary>What the id index knows of a record id: where the record lives, its programme, whether it was erased.</summary>
public sealed record RecordClaim(string Id, string Location, string? Programme, bool Erased);

/// <summary>What became of one write: the stored record when there is one, and the fields at odds on a conflict.</summary>
public sealed record WriteOutcome<T>(WriteStatus Status, StoredRecord<T>? Stored, IReadOnlyList<string>? ConflictingFields = null)
    where T : IFieldRecord;

/// <summary>
/// Stores one kind of record in its table, partitioned by programme and month, and keeps each record id unique
/// across partitions through an id index: the client-supplied id is claimed in the index before the record is
/// written, so a retried or concurrent post of the same id never makes a second row.
/// See docs/decisions/0002-partition-keys.md.
/// </summary>
public sealed class RecordStore<T> where T : IFieldRecord
{
    private readonly RecordMapping<T> _mapping;
    private readonly TableClient _records;
    private readonly TableClient _index;
    private readonly TableClient _moves;
    private readonly TimeProvider _time;
    private readonly string _referenceVersion;
    private readonly Once _tables;
    private readonly TimeSpan _abandonedAfter;

    public RecordStore(RecordMapping<T> mapping, TableServiceClient service, StorageOptions options, TimeProvider time, ReferenceData reference)
    {
        _mapping = mapping;
        _records = service.GetTableClient(options.TablePrefix + mapping.TableName);
        _index = service.GetTableClient(options.TablePrefix + "RecordIds");
        _moves = service.GetTableClient(options.TablePrefix + "RecordMoves");
        _abandonedAfter = options.MoveAbandonedAfter;
        _time = time;
        _referenceVersion = reference.Version;
        _tables = new Once(CreateTablesAsync);
    }

    public TableClient Table => _records;

    /// <summary>The kind of record (entry, activity), as the audit trail names it.</summary>
    public string Kind => _mapping.Kind;

    public async Task<RecordClaim?> GetClaimAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        var claim = await ReadClaimAsync(id, cancellationToken);
        return claim is null ? null : new RecordClaim(id, claim.GetString("Location") ?? "", claim.GetString("Programme"), claim["Erased"] is true);
    }

    /// <summary>
    /// Erases a record: the id's claim is marked erased first (so the id can never be stored again, not even by a
    /// form that resyncs it), then the row is deleted, and with it any other row a move under way or left
    /// half-done had written. Calling it again completes an interrupted erasure.
    /// </summary>
    public async Task EraseAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        var claim = await ReadClaimAsync(id, cancellationToken);
        if (claim?.GetString("Location") is not { } location)
        {
            return;
        }
        await _index.UpsertEntityAsync(new TableEntity(claim.PartitionKey, claim.RowKey) { ["Erased"] = true, ["ContentHash"] = "" }, TableUpdateMode.Merge, cancellationToken);
        // A move may have pointed the index elsewhere since it was read; from now on no move can (see MoveAsync).
        var marked = await ReadClaimAsync(id, cancellationToken);
        foreach (var partition in new[] { location, marked?.GetString("Location") }.Distinct())
        {
            if (partition is not null)
            {
                await _records.DeleteEntityIfExistsAsync(partition, id, cancellationToken: cancellationToken);
            }
        }
        if (await _moves.GetEntityIfExistsAsync(MovesPartition, id, cancellationToken: cancellationToken) is { } journal)
        {
            await RepairMoveAsync(journal, cancellationToken);
        }
    }

    /// <summary>Creates the tables once; retried on the next call when storage was unreachable.</summary>
    public Task EnsureTablesAsync(CancellationToken cancellationToken = default) => _tables.RunAsync(cancellationToken);

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await _records.CreateIfNotExistsAsync(cancellationToken);
        await _index.CreateIfNotExistsAsync(cancellationToken);
        await _moves.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task<StoredRecord<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        if (LiveLocation(await ReadClaimAsync(id, cancellationToken)) is not { } location)
        {
            return null;
        }
        var entity = await _records.GetEntityIfExistsAsync(location, id, cancellationToken: cancellationToken);
        return entity is null ? null : ToStored(entity);
    }

    /// <summary>Stores a new record; the same id again answers Duplicate (same content) or Conflict (other content).</summary>
    public async Task<WriteOutcome<T>> CreateAsync(T record, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        return await CreatePreparedAsync(Prepare(record), cancellationToken);
    }

    /// <summary>Claims the id of a prepared record, then writes it.</summary>
    private async Task<WriteOutcome<T>> CreatePreparedAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        try
        {
            await _index.AddEntityAsync(pending.Claim, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await ResolveExistingAsync(pending, cancellationToken);
        }
        return await WriteClaimedAsync(pending, cancellationToken);
    }

    /// <summary>
    /// Stores many new records with as few requests as the partitions allow: the ids are claimed and the records
    /// written as entity group transactions. A group that fails (some ids already known) falls back to one
    /// record at a time, so each record gets its own outcome.
    /// </summary>
    public async Task<IReadOnlyList<WriteOutcome<T>>> CreateManyAsync(IReadOnlyList<T> records, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        var outcomes = new WriteOutcome<T>[records.Count];
        var pending = records.Select((r, i) => (Index: i, Write: Prepare(r))).ToList();

        var claimed = new List<(int Index, PendingWrite Write)>();
        var claimGroups = pending.GroupBy(p => p.Write.Claim.PartitionKey).SelectMany(g => g.Chunk(TableTransaction.MaxActions));
        await ForEachAsync(claimGroups, async (group, ct) =>
        {
            try
            {
                await _index.SubmitTransactionAsync(group.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Write.Claim)).ToList(), ct);
                lock (claimed)
                {
                    claimed.AddRange(group);
                }
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                foreach (var (index, write) in group)
                {
                    outcomes[index] = await CreatePreparedAsync(write, ct);
                }
            }
        }, cancellationToken);

        var recordGroups = claimed.GroupBy(p => p.Write.Entity.PartitionKey).SelectMany(g => g.Chunk(TableTransaction.MaxActions));
        await ForEachAsync(recordGroups, async (group, ct) =>
        {
            try
            {
                await _records.SubmitTransactionAsync(group.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Write.Entity)).ToList(), ct);
                foreach (var (index, write) in group)
                {
                    outcomes[index] = new WriteOutcome<T>(WriteStatus.Created, ToStored(write.Entity));
                }
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                foreach (var (index, write) in group)
                {
                    outcomes[index] = await WriteClaimedAsync(write, ct);
                }
            }
        }, cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// Replaces a stored record if it is still the version the caller saw (<paramref name="ifMatch"/>). A record
    /// whose programme or month changes moves to its new partition (see <see cref="MoveAsync"/>).
    /// </summary>
    public Task<WriteOutcome<T>> UpdateAsync(T record, ETag ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(record, ifMatch, static _ => true, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(T, ETag, CancellationToken)"/>, with the caller's check of the record as stored
    /// (null when there is none), made on the read the correction needs anyway: false answers Refused.
    /// </summary>
    public async Task<WriteOutcome<T>> UpdateAsync(T record, ETag ifMatch, Func<T?, bool> mayChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mayChange);
        await EnsureTablesAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await TryUpdateAsync(record, ifMatch, mayChange, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }
            if (attempt > 0)
            {
                return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
            }
        }
    }

    private async Task<WriteOutcome<T>?> TryUpdateAsync(T record, ETag ifMatch, Func<T?, bool> mayChange, CancellationToken cancellationToken)
    {
        var claim = await ReadClaimAsync(record.Id, cancellationToken);
        var location = LiveLocation(claim);
        var existing = location is null ? null : await _records.GetEntityIfExistsAsync(location, record.Id, cancellationToken: cancellationToken);
        if (!mayChange(existing is null ? default : _mapping.Read(existing)))
        {
            return new WriteOutcome<T>(WriteStatus.Refused, null);
        }
        if (claim is null || existing is null)
        {
            return new WriteOutcome<T>(WriteStatus.NotFound, null);
        }
        if (existing.ETag != ifMatch)
        {
            return new WriteOutcome<T>(WriteStatus.PreconditionFailed, ToStored(existing));
        }
        var pending = Prepare(record, existing.GetDateTimeOffset("RecordedAt"));
        if (pending.Hash == existing.GetString("ContentHash"))
        {
            return new WriteOutcome<T>(WriteStatus.Updated, ToStored(existing));
        }
        var entity = pending.Entity;
        if (entity.PartitionKey == location)
        {
            // The index first, with its ETag: of two corrections (or a correction and a move) that read the same
            // version, only the first to change the index goes on, and the other answers 412 untouched.
            var previousHash = claim.GetString("ContentHash");
            claim["ContentHash"] = pending.Hash;
            try
            {
                await _index.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
            }
            try
            {
                await _records.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                claim["ContentHash"] = previousHash;
                await _index.UpsertEntityAsync(claim, TableUpdateMode.Merge, cancellationToken);
                return new WriteOutcome<T>(e.Status == 412 ? WriteStatus.PreconditionFailed : WriteStatus.NotFound, null);
            }
            return new WriteOutcome<T>(WriteStatus.Updated, ToStored(entity));
        }

        return await MoveAsync(claim, location!, ifMatch, entity, pending.Hash, cancellationToken);
    }

    /// <summary>
    /// Moves a record to another partition, in steps that each leave a state a repair can finish: the move is
    /// journalled, the new row written, the index pointed at it, the old row deleted, the journal entry removed.
    /// A process that dies between two steps leaves the journal entry, and <see cref="RepairMovesAsync"/> (run before
    /// every report, and before the next correction or erasure of that record) completes or undoes the move, so a
    /// record is never counted in two months. The index's ETag guards every step against a concurrent repair.
    /// Null when an abandoned move of the same record had to be repaired first: the caller starts again.
    /// </summary>
    private async Task<WriteOutcome<T>?> MoveAsync(TableEntity claim, string from, ETag ifMatch, TableEntity entity, string hash, CancellationToken cancellationToken)
    {
        var id = entity.RowKey;
        var journal = new TableEntity(MovesPartition, id)
        {
            ["From"] = from,
            ["To"] = entity.PartitionKey,
            ["StartedAt"] = _time.GetUtcNow(),
            ["MoveId"] = Guid.NewGuid().ToString("N"),
        };
        switch (await StartMoveAsync(journal, cancellationToken))
        {
            case MoveStart.Busy:
                return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
            case MoveStart.RepairedFirst:
                return null;
        }
        await MoveStepAsync("journalled", cancellationToken);

        await _records.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        await MoveStepAsync("written", cancellationToken);

        var claimETag = claim.ETag;
        claim["Location"] = entity.PartitionKey;
        claim["ContentHash"] = hash;
        try
        {
            await _index.UpdateEntityAsync(claim, claimETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // The index changed meanwhile (another correction, an erasure, a repair): this move did not happen.
            // Only this move's own row and journal entry go: after a repair, another move may have its own.
            await _records.DeleteEntityIfExistsAsync(entity.PartitionKey, id, entity.ETag, cancellationToken);
            await _moves.DeleteEntityIfExistsAsync(MovesPartition, id, journal.ETag, cancellationToken);
            return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
        }
        await MoveStepAsync("pointed", cancellationToken);

        try
        {
            await _records.DeleteEntityAsync(from, id, ifMatch, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A repair finished this move already.
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // The old row was corrected in place after it was read: that correction wins; undo this move.
            claim["Location"] = from;
            try
            {
                await _index.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException again) when (again.Status is 412 or 404)
            {
                // Changed once more: the journal entry stays, and a repair settles the record.
                return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
            }
            await _records.DeleteEntityIfExistsAsync(entity.PartitionKey, id, entity.ETag, cancellationToken);
            await _moves.DeleteEntityIfExistsAsync(MovesPartition, id, journal.ETag, cancellationToken);
            return new WriteOutcome<T>(WriteStatus.PreconditionFailed, null);
        }
        await MoveStepAsync("deleted", cancellationToken);

        await _moves.DeleteEntityIfExistsAsync(MovesPartition, id, journal.ETag, cancellationToken);
        return new WriteOutcome<T>(WriteStatus.Updated, ToStored(entity));
    }

    private enum MoveStart
    {
        Started,
        Busy,
        RepairedFirst,
    }

    /// <summary>
    /// Journals a move. A journal entry already there is either this same move's (a retried insert), a move of
    /// another process still under way (the caller gets 412 and tries again), or one a dead process left, which
    /// is repaired first.
    /// </summary>
    private async Task<MoveStart> StartMoveAsync(TableEntity journal, CancellationToken cancellationToken)
    {
        try
        {
            await _moves.AddEntityAsync(journal, cancellationToken);
            return MoveStart.Started;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _moves.GetEntityIfExistsAsync(MovesPartition, journal.RowKey, cancellationToken: cancellationToken);
            if (existing is null)
            {
                return MoveStart.RepairedFirst;
            }
            if (existing.GetString("MoveId") == journal.GetString("MoveId"))
            {
                journal.ETag = existing.ETag;
                return MoveStart.Started;
            }
            if (!IsAbandoned(existing))
            {
                return MoveStart.Busy;
            }
            await RepairMoveAsync(existing, cancellationToken);
            return MoveStart.RepairedFirst;
        }
    }

    /// <summary>
    /// Completes or undoes the moves that were left half-done (see <see cref="MoveAsync"/>). Only moves started
    /// <see cref="StorageOptions.MoveAbandonedAfter"/> ago or earlier are touched, so that a move under way in
    /// another process is left to finish; the number of moves settled.
    /// </summary>
    public async Task<int> RepairMovesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken);
        var repaired = 0;
        await foreach (var journal in _moves.QueryAsync(TableFilter.Create($"PartitionKey eq {MovesPartition}"), cancellationToken: cancellationToken))
        {
            if (IsAbandoned(journal) && await RepairMoveAsync(journal, cancellationToken))
            {
                repaired++;
            }
        }
        return repaired;
    }

    private bool IsAbandoned(TableEntity journal) =>
        journal.GetDateTimeOffset("StartedAt") is not { } started || _time.GetUtcNow() - started >= _abandonedAfter;

    /// <summary>
    /// Settles one journalled move by what the index says: pointed at the new row, the move happened and the old
    /// row goes; still pointed at the old row, it did not, and the new row goes (after the index's ETag has
    /// changed, so that a slow mover can no longer point the index at it); erased, both rows go. False when
    /// another repair took the move first.
    /// </summary>
    private async Task<bool> RepairMoveAsync(TableEntity journal, CancellationToken cancellationToken)
    {
        var id = journal.RowKey;
        var from = journal.GetString("From") ?? "";
        var to = journal.GetString("To") ?? "";
        // Taken first, with its ETag: of two repairs of one move (two reports at once) only one goes on, and no
        // new move of the record can start before this one is settled and its journal entry gone.
        ETag taken;
        try
        {
            taken = await _moves.UpdateEntityAsync(new TableEntity(MovesPartition, id) { ["RepairedAt"] = _time.GetUtcNow() }, journal.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
        for (var attempt = 0; ; attempt++)
        {
            var claim = await ReadClaimAsync(id, cancellationToken);
            var current = LiveLocation(claim);
            if (current is not null && current != to)
            {
                try
                {
                    await _index.UpdateEntityAsync(new TableEntity(claim!.PartitionKey, claim.RowKey) { ["Location"] = current }, claim.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 412 or 404 && attempt < 3)
                {
                    continue;
                }
            }
            foreach (var partition in new[] { from, to })
            {
                if (partition.Length > 0 && partition != current)
                {
                    await _records.DeleteEntityIfExistsAsync(partition, id, cancellationToken: cancellationToken);
                }
            }
            await _moves.DeleteEntityIfExistsAsync(MovesPartition, id, taken, cancellationToken);
            return true;
        }
    }

    /// <summary>Called between the steps of a move; lets a test stop a move where a dying process would.</summary>
    internal Func<string, CancellationToken, ValueTask>? OnMoveStep { get; set; }

    private ValueTask MoveStepAsync(string step, CancellationToken cancellationToken) =>
        OnMoveStep?.Invoke(step, cancellationToken) ?? ValueTask.CompletedTask;


    /// <summary>The id is ours: write the record (a concurrent request with the same content may have done it).</summary>
    private async Task<WriteOutcome<T>> WriteClaimedAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        try
        {
            await _records.AddEntityAsync(pending.Entity, cancellationToken);
            return new WriteOutcome<T>(WriteStatus.Created, ToStored(pending.Entity));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await ResolveExistingAsync(pending, cancellationToken);
        }
    }

    /// <summary>The id was claimed before: compare with what is stored under it.</summary>
    private async Task<WriteOutcome<T>> ResolveExistingAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        var id = pending.Record.Id;
        var claim = await ReadClaimAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"The id index lost the claim of {_mapping.Kind} {id}.");
        if (claim["Erased"] is true)
        {
            return new WriteOutcome<T>(WriteStatus.Erased, null);
        }
        var location = claim.GetString("Location")!;
        var existing = await _records.GetEntityIfExistsAsync(location, id, cancellationToken: cancellationToken);
        if (existing is null)
        {
            if (claim.GetString("ContentHash") != pending.Hash)
            {
                return new WriteOutcome<T>(WriteStatus.Conflict, null, []);
            }
            // The claimer has not written its record yet (or stopped before it did): the content is the same,
            // so writing it here completes the same record; whoever comes second finds it stored.
            try
            {
                await _records.AddEntityAsync(pending.Entity, cancellationToken);
                return new WriteOutcome<T>(WriteStatus.Duplicate, ToStored(pending.Entity));
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                existing = await _records.GetEntityIfExistsAsync(location, id, cancellationToken: cancellationToken)
                    ?? throw new InvalidOperationException($"{_mapping.Kind} {id} vanished while it was being stored.");
            }
        }
        var stored = ToStored(existing);
        return stored.ContentHash == pending.Hash
            ? new WriteOutcome<T>(WriteStatus.Duplicate, stored)
            : new WriteOutcome<T>(WriteStatus.Conflict, stored, RecordJson.DifferingFields(stored.Record, pending.Record));
    }

    private sealed record PendingWrite(T Record, string Hash, TableEntity Claim, TableEntity Entity);

    private PendingWrite Prepare(T record, DateTimeOffset? recordedAt = null)
    {
        var hash = RecordJson.ContentHash(record);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(RecordPartitions.PartitionOf(record.Programme, record.Date), record.Id);
        _mapping.Write(record, entity);
        entity["ReferenceVersion"] = _referenceVersion;
        entity["ContentHash"] = hash;
        entity["RecordedAt"] = recordedAt ?? now;
        entity["UpdatedAt"] = now;
        var claim = new TableEntity(IndexPartition(record.Id), record.Id)
        {
            ["Location"] = entity.PartitionKey,
            ["Programme"] = record.Programme,
            ["ContentHash"] = hash,
        };
        return new PendingWrite(record, hash, claim, entity);
    }

    private Task<TableEntity?> ReadClaimAsync(string id, CancellationToken cancellationToken) =>
        _index.GetEntityIfExistsAsync(IndexPartition(id), id, cancellationToken);

    /// <summary>The partition a claim points at; null when there is no claim or the record was erased.</summary>
    private static string? LiveLocation(TableEntity? claim) => claim is null || claim["Erased"] is true ? null : claim.GetString("Location");

    /// <summary>Index rows of a kind spread over 16 partitions by the id's first hex digit.</summary>
    private string IndexPartition(string id) => $"{_mapping.Kind}-{id[0]}";

    /// <summary>The journal of moves under way: a partition per kind of record.</summary>
    private string MovesPartition => _mapping.Kind;

    private StoredRecord<T> ToStored(TableEntity entity) => new(
        _mapping.Read(entity),
        entity.GetString("ReferenceVersion") ?? _referenceVersion,
        entity.GetString("ContentHash") ?? "",
        entity.GetDateTimeOffset("RecordedAt") ?? default,
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.ETag.ToString());

    private static Task ForEachAsync<TItem>(IEnumerable<TItem> items, Func<TItem, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, body);
}
