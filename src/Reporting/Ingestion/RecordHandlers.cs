using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Microsoft.Extensions.Options;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary>
/// What the record functions of one kind (entries, activities) do once the gate let the caller through: read the
/// body, call the ingestion service, map its outcome to HTTP.
/// </summary>
internal sealed class RecordHandlers<T>(IngestionService<T> service, IOptions<IngestionOptions> options) where T : IFieldRecord
{
    public async Task<IResult> PostAsync(HttpRequest request, Caller caller, string locationPrefix, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, options.Value.MaxRecordBytes, ct);
        if (document is null)
        {
            return problem!;
        }
        using (document)
        {
            var result = await service.CreateAsync(caller, document.RootElement, ct);
            if (Refusal(result) is { } refused)
            {
                return refused;
            }
            var outcome = result.Outcome!;
            return outcome.Status switch
            {
                WriteStatus.Created => Record(request, outcome.Stored!, StatusCodes.Status201Created, $"{locationPrefix}/{outcome.Stored!.Record.Id}"),
                WriteStatus.Duplicate => Record(request, outcome.Stored!, StatusCodes.Status200OK),
                WriteStatus.Erased => Problems.Status(StatusCodes.Status409Conflict, "Record erased",
                    "A record with this id was erased on request; it cannot be stored again. Remove it from the form's queue."),
                _ => Conflict(outcome.ConflictingFields ?? []),
            };
        }
    }

    public async Task<IResult> PostBatchAsync(HttpRequest request, Caller caller, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, options.Value.MaxBatchBytes, ct);
        if (document is null)
        {
            return problem!;
        }
        using (document)
        {
            var (errors, tooMany, results) = await service.CreateBatchAsync(caller, document.RootElement, ct);
            if (tooMany)
            {
                var fields = errors!.ToDictionary();
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Batch too large", fields["$.records"][0],
                    new Dictionary<string, object?> { ["errors"] = fields });
            }
            if (errors is not null)
            {
                return Problems.Validation(errors);
            }
            // A batch answer lists at most MaxBatchErrors problems in all, whatever was sent: each record's own
            // list is bounded, and once the answer is full the later records only say how many they have.
            var room = MaxBatchErrors;
            var items = new List<BatchItem>(results!.Count);
            foreach (var r in results)
            {
                var listed = r.Errors?.ToDictionary(Math.Min(room, ValidationErrors.MaxListed));
                room -= Math.Min(room, Math.Min(r.Errors?.Count ?? 0, ValidationErrors.MaxListed));
                items.Add(new BatchItem(r.Id, JsonNamingPolicy.CamelCase.ConvertName(r.Status.ToString()), listed, r.Stored?.ETag));
            }
            return TypedResults.Json(new BatchResponse(items), BatchJson);
        }
    }

    public async Task<IResult> GetAsync(HttpRequest request, Caller caller, string id, CancellationToken ct) =>
        await service.GetAsync(caller, id, ct) is { } stored ? Record(request, stored, StatusCodes.Status200OK) : NotFound();

    public async Task<IResult> PutAsync(HttpRequest request, Caller caller, string id, CancellationToken ct)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send the ETag of the record you corrected (from GET) in If-Match, so that no one else's correction is overwritten.");
        }
        var (document, problem) = await JsonBody.ReadAsync(request, options.Value.MaxRecordBytes, ct);
        if (document is null)
        {
            return problem!;
        }
        using (document)
        {
            var reason = request.Headers[ReasonHeader].ToString();
            if (reason.Length > 0 && ReasonProblem(reason) is { } bad)
            {
                return Problems.Validation("header " + ReasonHeader, bad);
            }
            var result = await service.UpdateAsync(caller, id, new ETag(ifMatch.Trim()), reason.Length == 0 ? null : reason.Trim(), document.RootElement, ct);
            if (Refusal(result) is { } refused)
            {
                return refused;
            }
            var outcome = result.Outcome!;
            return outcome.Status switch
            {
                WriteStatus.Updated => Record(request, outcome.Stored!, StatusCodes.Status200OK),
                WriteStatus.NotFound => NotFound(),
                _ => Problems.Status(StatusCodes.Status412PreconditionFailed, "Record changed",
                    "The record changed since you read it: GET it again, apply your correction to it and send it with its new ETag."),
            };
        }
    }

    public async Task<IResult> EraseAsync(HttpRequest request, Caller caller, string id, CancellationToken ct)
    {
        var reason = request.Headers[ReasonHeader].ToString().Trim();
        if ((reason.Length == 0 ? "Required: why the record is erased (for instance the reference of the request)." : ReasonProblem(reason)) is { } bad)
        {
            return Problems.Validation("header " + ReasonHeader, bad);
        }
        return await service.EraseAsync(caller, id, reason, ct) switch
        {
            WriteStatus.Erased => TypedResults.NoContent(),
            WriteStatus.NotFound => NotFound(),
            _ => Problems.Status(StatusCodes.Status409Conflict, "Record changing",
                "The record was corrected several times while it was being erased; send the erasure again."),
        };
    }

    /// <summary>Why a reason given for a change cannot be kept: too long, or holding what looks like personal data.</summary>
    private static string? ReasonProblem(string reason) =>
        reason.Length > MaxReasonLength ? $"At most {MaxReasonLength} characters."
        : PersonalData.Find(reason) is { } kind ? $"Must not hold personal data (it looks like {kind}); give a request reference instead."
        : null;

    /// <summary>The header that says why a record is corrected (optional) or erased (required); kept in the audit trail.</summary>
    public const string ReasonHeader = "X-Reason";

    private const int MaxReasonLength = 200;

    /// <summary>The most problems one batch answer lists, over all its records.</summary>
    public const int MaxBatchErrors = 500;

    private static readonly JsonSerializerOptions BatchJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record BatchResponse(IReadOnlyList<BatchItem> Results);

    /// <summary>One record's result; its ETag is spelt <c>etag</c>, as everywhere in the API's documentation.</summary>
    private sealed record BatchItem(string? Id, string Status, Dictionary<string, string[]>? Errors, [property: JsonPropertyName("etag")] string? ETag);

    /// <summary>A stored record as the contract shapes it, plus the fields the service keeps, with its ETag.</summary>
    private static IResult Record(HttpRequest request, StoredRecord<T> stored, int status, string? location = null)
    {
        var json = JsonSerializer.SerializeToNode(stored.Record, RecordJson.Options)!.AsObject();
        json["referenceVersion"] = stored.ReferenceVersion;
        json["recordedAt"] = stored.RecordedAt;
        json["updatedAt"] = stored.UpdatedAt;
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = stored.ETag;
        if (location is not null)
        {
            headers.Location = location;
        }
        return TypedResults.Json(json, RecordJson.Options, statusCode: status);
    }

    /// <summary>The answer to a record refused before it was stored: invalid (400) or not the caller's to store so (403); null when it was not.</summary>
    private static IResult? Refusal(IngestionResult<T> result) =>
        result.Errors is { } errors ? Problems.Validation(errors)
        : result.Denied is { } denied ? FunctionGate.Forbidden(denied)
        : null;

    /// <summary>
    /// The one answer for an id that is not stored, not a UUID, erased, or of a record the caller may not see
    /// (another programme, a colleague's work): the same bytes, so that it tells nothing about other records. The
    /// id is not repeated: the caller has it, and a path that is not a UUID may hold anything.
    /// </summary>
    private static IResult NotFound() =>
        Problems.Status(StatusCodes.Status404NotFound, "Not found", "No record with this id is stored, or it is not one you may see.");

    private static IResult Conflict(IReadOnlyList<string> fields) =>
        Problems.Status(StatusCodes.Status409Conflict, "Id already used",
            fields.Count == 0
                ? "A record with this id is already stored with other content; use a new id for a new record."
                : $"A record with this id is already stored with other content ({string.Join(", ", fields)}). Send a correction with PUT, or use a new id for a new record.",
            new Dictionary<string, object?>
            {
                ["errors"] = Conflicts.Errors(fields, "Differs from the record stored under this id.").ToDictionary(),
            });
}
