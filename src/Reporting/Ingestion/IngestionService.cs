using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary>
/// One record read from a request: refused with its errors, refused because the caller may not store it so
/// (<see cref="Denied"/>: another programme, a colleague's work), or written with its outcome. A stored record the
/// caller may not see is never <see cref="Denied"/>: its outcome is <see cref="WriteStatus.NotFound"/>, as for an id
/// that is not stored.
/// </summary>
internal sealed record IngestionResult<T>(ValidationErrors? Errors, WriteOutcome<T>? Outcome, Message? Denied = null) where T : IFieldRecord;

internal enum BatchItemStatus
{
    Created,
    Duplicate,
    Invalid,
    Conflict,
}

/// <summary>A batch's outcome: its envelope refused (errors; too many records), or a result per record.</summary>
internal sealed record BatchOutcome<T>(ValidationErrors? Errors, bool TooManyRecords, IReadOnlyList<BatchItemResult<T>>? Results) where T : IFieldRecord;

internal sealed record BatchItemResult<T>(string? Id, BatchItemStatus Status, ValidationErrors? Errors, StoredRecord<T>? Stored) where T : IFieldRecord;

/// <summary>
/// Ingestion of one kind of record: validates what a form sent and stores it. Handlers call exactly one method
/// of this class.
/// </summary>
internal sealed class IngestionService<T>(RecordStore<T> store, RecordReader reader, Func<RecordReader, JsonElement, ValidationErrors, T?> read, IOptions<IngestionOptions> options)
    where T : IFieldRecord
{
    /// <summary>Why a caller may not touch a record (another programme, or a field worker's colleague's work); null when they may.</summary>
    private (string Field, Message Message)? Denial(Caller caller, T record)
    {
        if (!caller.MayActOn(record.Programme))
        {
            return ("programme", FunctionGate.NotYourProgramme(caller, record.Programme, reader.Reference));
        }
        if (!caller.IsOwnWork(record.Workers))
        {
            return (record.WorkersField, HttpTexts.OwnWorkOnly);
        }
        return null;
    }

    /// <summary>The record with this id if the caller may see it; null when there is none or it is not theirs to see, alike.</summary>
    public async Task<StoredRecord<T>?> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }
        var stored = await store.GetAsync(guid.ToString("D"), cancellationToken);
        return stored is not null && Denial(caller, stored.Record) is null ? stored : null;
    }

    public async Task<IngestionResult<T>> CreateAsync(Caller caller, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var record = read(reader, body, errors);
        if (record is null)
        {
            return new IngestionResult<T>(errors, null);
        }
        if (Denial(caller, record) is { } denial)
        {
            return new IngestionResult<T>(null, null, denial.Message);
        }
        return new IngestionResult<T>(null, Masked(caller, await store.CreateAsync(record, cancellationToken)));
    }

    /// <summary>
    /// A conflict with a record the caller may not see says that the id is taken, not how that record differs
    /// from the one sent: the differing fields would tell another programme's record field by field.
    /// </summary>
    private WriteOutcome<T> Masked(Caller caller, WriteOutcome<T> outcome) =>
        outcome is { Status: WriteStatus.Conflict, Stored: { } stored } && Denial(caller, stored.Record) is not null
            ? new WriteOutcome<T>(WriteStatus.Conflict, null, [])
            : outcome;

    public async Task<IngestionResult<T>> UpdateAsync(Caller caller, string id, ETag ifMatch, string? reason, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var record = read(reader, body, errors);
        if (record is not null && !string.Equals(record.Id, id, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("$.id", HttpTexts.IdMustMatchPath);
        }
        if (record is null || !errors.IsEmpty)
        {
            return new IngestionResult<T>(errors, null);
        }
        // Both the record as stored and as corrected must be the caller's to touch; the store shows the stored one
        // as it reads it for the correction, and writes only if it is still that one. A stored record the caller
        // may not see answers as an id that is not stored; the correction itself (the programme or worker it would
        // give the record) is the caller's own input, and is refused as such.
        // The store keeps the refusal's English words; the caller is told the message, in their language.
        var hidden = false;
        Message? denied = null;
        var outcome = await store.UpdateAsync(record, ifMatch, stored =>
            {
                if (stored is null)
                {
                    return null;
                }
                if (Denial(caller, stored) is not null)
                {
                    hidden = true;
                    return "not the caller's to see";
                }
                denied = Denial(caller, record)?.Message;
                return denied?.ToString();
            },
            new AuditNote(caller.Id, reason), cancellationToken);
        return hidden ? new IngestionResult<T>(null, new WriteOutcome<T>(WriteStatus.NotFound, null))
            : outcome.Status == WriteStatus.Refused ? new IngestionResult<T>(null, null, denied)
            : new IngestionResult<T>(null, outcome);
    }

    /// <summary>
    /// Erases a record (a data subject's request): gone from storage and from future reports, with the audit line
    /// of who, when and why written in the same step. The caller must hold the programme the record has when it is
    /// erased: a record of another programme answers <see cref="WriteStatus.NotFound"/>, as an id that is not
    /// stored does. Asking again changes nothing.
    /// </summary>
    public async Task<WriteStatus> EraseAsync(Caller caller, string id, string reason, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return WriteStatus.NotFound;
        }
        var outcome = await store.EraseAsync(guid.ToString("D"),
            programme => caller.MayActOn(programme) ? null : "not the caller's to see",
            new AuditNote(caller.Id, reason), cancellationToken);
        return outcome.Status == WriteStatus.Refused ? WriteStatus.NotFound : outcome.Status;
    }

    /// <summary>
    /// Stores the valid records of a batch and reports on every one, in the order received. Errors of the
    /// envelope itself (not an object, no records, too many) refuse the whole batch.
    /// </summary>
    public async Task<BatchOutcome<T>> CreateBatchAsync(Caller caller, JsonElement body, CancellationToken cancellationToken)
    {
        var envelopeErrors = new ValidationErrors();
        var items = ReadEnvelope(body, envelopeErrors);
        if (items is null)
        {
            return new BatchOutcome<T>(envelopeErrors, false, null);
        }
        if (items.Count > options.Value.MaxBatchRecords)
        {
            envelopeErrors.Add("$.records", HttpTexts.BatchTooMany.With(options.Value.MaxBatchRecords));
            return new BatchOutcome<T>(envelopeErrors, true, null);
        }

        var results = new BatchItemResult<T>?[items.Count];
        var toStore = new List<(int Index, T Record)>();
        var firstById = new Dictionary<string, (int Index, string Hash)>(StringComparer.Ordinal);
        var repeats = new List<(int Index, int First, bool Same)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = new ValidationErrors();
            var record = read(reader, items[i], errors);
            if (record is not null && Denial(caller, record) is { } denial)
            {
                errors.Add("$." + denial.Field, denial.Message);
                record = default;
            }
            if (record is null)
            {
                results[i] = new BatchItemResult<T>(IdOf(items[i]), BatchItemStatus.Invalid, errors, null);
                continue;
            }
            var hash = RecordJson.ContentHash(record);
            if (firstById.TryGetValue(record.Id, out var first))
            {
                repeats.Add((i, first.Index, first.Hash == hash));
                continue;
            }
            firstById[record.Id] = (i, hash);
            toStore.Add((i, record));
        }

        var outcomes = await store.CreateManyAsync(toStore.Select(r => r.Record).ToList(), cancellationToken);
        for (var k = 0; k < toStore.Count; k++)
        {
            var (index, record) = toStore[k];
            results[index] = FromOutcome(record.Id, Masked(caller, outcomes[k]));
        }
        // The same id twice in one batch: the later one is a duplicate of the earlier, or a conflict with it.
        foreach (var (index, first, same) in repeats)
        {
            var earlier = results[first]!;
            results[index] = same
                ? earlier with { Status = earlier.Status == BatchItemStatus.Conflict ? BatchItemStatus.Conflict : BatchItemStatus.Duplicate }
                : new BatchItemResult<T>(earlier.Id, BatchItemStatus.Conflict, Conflicts.Errors(["id"], HttpTexts.IdTwiceInBatch), null);
        }
        return new BatchOutcome<T>(null, false, results.Select(r => r!).ToList());
    }

    private static List<JsonElement>? ReadEnvelope(JsonElement body, ValidationErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", HttpTexts.BatchEnvelope);
            return null;
        }
        List<JsonElement>? records = null;
        var seen = false;
        var unknown = new List<int>();
        var position = 0;
        foreach (var property in body.EnumerateObject())
        {
            position++;
            if (property.Name != "records")
            {
                unknown.Add(position);
            }
            else if (seen)
            {
                errors.Add("$.records", Texts.GivenTwice);
            }
            else
            {
                seen = true;
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add("$.records", HttpTexts.RecordsArray);
                }
                else
                {
                    records = property.Value.EnumerateArray().ToList();
                }
            }
        }
        errors.AddUnknownProperties("$", unknown, EnvelopeFields);
        if (records is null && errors.IsEmpty)
        {
            errors.Add("$.records", Texts.Required);
        }
        else if (records is { Count: 0 })
        {
            errors.Add("$.records", HttpTexts.AtLeastOneRecord);
        }
        return errors.IsEmpty ? records : null;
    }

    private static readonly string[] EnvelopeFields = ["records"];

    /// <summary>The id of a record refused as invalid, when it is a UUID; anything else it holds is not repeated.</summary>
    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: <= 64 } text && Guid.TryParseExact(text.Trim(), "D", out var guid)
            ? guid.ToString("D")
            : null;

    private static BatchItemResult<T> FromOutcome(string id, WriteOutcome<T> outcome) => outcome.Status switch
    {
        WriteStatus.Created => new BatchItemResult<T>(id, BatchItemStatus.Created, null, outcome.Stored),
        WriteStatus.Duplicate => new BatchItemResult<T>(id, BatchItemStatus.Duplicate, null, outcome.Stored),
        WriteStatus.Erased => new BatchItemResult<T>(id, BatchItemStatus.Conflict, Conflicts.Errors(["id"], HttpTexts.IdErased), null),
        _ => new BatchItemResult<T>(id, BatchItemStatus.Conflict, Conflicts.Errors(outcome.ConflictingFields ?? [], HttpTexts.DiffersFromStored), null),
    };
}

internal static class Conflicts
{
    /// <summary>
    /// The fields of a record that differ from what is stored under its id, as errors by JSON path. No fields: the
    /// stored record is not the caller's to see, and only its id is said to be taken.
    /// </summary>
    public static ValidationErrors Errors(IReadOnlyList<string> fields, Message message)
    {
        var errors = new ValidationErrors();
        if (fields.Count == 0)
        {
            errors.Add("$.id", HttpTexts.IdTaken);
        }
        foreach (var field in fields)
        {
            errors.Add("$." + field, message);
        }
        return errors;
    }
}
