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
                WriteStatus.Erased => Problems.Status(StatusCodes.Status409Conflict, HttpTexts.RecordErasedTitle, HttpTexts.RecordErased),
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
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, HttpTexts.BatchTooLargeTitle, errors!.Listed.First().Message, errors);
            }
            if (errors is not null)
            {
                return Problems.Validation(errors);
            }
            // A batch answer lists at most MaxBatchErrors problems in all, whatever was sent: each record's own
            // list is bounded, and once the answer is full the later records only say how many they have.
            var language = Languages.Of(request);
            var room = MaxBatchErrors;
            var items = new List<BatchItem>(results!.Count);
            foreach (var r in results)
            {
                var listed = r.Errors?.ToDictionary(Math.Min(room, ValidationErrors.MaxListed), language);
                room -= Math.Min(room, Math.Min(r.Errors?.Count ?? 0, ValidationErrors.MaxListed));
                items.Add(new BatchItem(r.Id, JsonNamingPolicy.CamelCase.ConvertName(r.Status.ToString()), listed, r.Stored?.ETag));
            }
            Languages.Tell(request.HttpContext.Response, language);
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
            return Problems.Status(StatusCodes.Status428PreconditionRequired, HttpTexts.IfMatchRequiredTitle,
                string.IsNullOrWhiteSpace(ifMatch) ? HttpTexts.IfMatchMissing : HttpTexts.IfMatchAny);
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
                _ => Problems.Status(StatusCodes.Status412PreconditionFailed, HttpTexts.RecordChangedTitle, HttpTexts.RecordChanged),
            };
        }
    }

    public async Task<IResult> EraseAsync(HttpRequest request, Caller caller, string id, CancellationToken ct)
    {
        var reason = request.Headers[ReasonHeader].ToString().Trim();
        if ((reason.Length == 0 ? HttpTexts.EraseReasonRequired : ReasonProblem(reason)) is { } bad)
        {
            return Problems.Validation("header " + ReasonHeader, bad);
        }
        return await service.EraseAsync(caller, id, reason, ct) switch
        {
            WriteStatus.Erased => TypedResults.NoContent(),
            WriteStatus.NotFound => NotFound(),
            _ => Problems.Status(StatusCodes.Status409Conflict, HttpTexts.RecordChangingTitle, HttpTexts.RecordChanging),
        };
    }

    /// <summary>Why a reason given for a change cannot be kept: too long, or holding what looks like personal data.</summary>
    private static Message? ReasonProblem(string reason) =>
        reason.Length > MaxReasonLength ? HttpTexts.ReasonTooLong.With(MaxReasonLength)
        : PersonalData.Find(reason) is { } kind ? Texts.ReasonHoldsPersonalData.With(Texts.PersonalDataKind(kind))
        : null;

    /// <summary>The header that says why a record is corrected (optional) or erased (required); kept in the audit trail.</summary>
    public const string ReasonHeader = "X-Reason";

    private const int MaxReasonLength = 200;

    /// <summary>The most problems one batch answer lists, over all its records.</summary>
    public const int MaxBatchErrors = 500;

    private static readonly JsonSerializerOptions BatchJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JsonAnswers.Encoder,
    };

    /// <summary>The contract's JSON (the content hash's too), written with the answers' encoder.</summary>
    private static readonly JsonSerializerOptions RecordAnswerJson = JsonAnswers.With(RecordJson.Options);

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
        return TypedResults.Json(json, RecordAnswerJson, statusCode: status);
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
        Problems.Status(StatusCodes.Status404NotFound, HttpTexts.NotFoundTitle, HttpTexts.RecordNotFound);

    private static IResult Conflict(IReadOnlyList<string> fields) =>
        Problems.Status(StatusCodes.Status409Conflict, HttpTexts.IdUsedTitle,
            fields.Count == 0 ? HttpTexts.IdTakenOtherContent : HttpTexts.IdTakenFields.With(string.Join(", ", fields)),
            Conflicts.Errors(fields, HttpTexts.DiffersFromStored));
}
