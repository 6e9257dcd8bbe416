using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Microsoft.Extensions.Options;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Functions;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary>The HTTP functions that receive and correct records: parse, call the service, map to HTTP.</summary>
internal static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder app)
    {
        MapKind<LogbookEntry>(app, FunctionCatalog.PostEntry, FunctionCatalog.PostEntryBatch, FunctionCatalog.GetEntry, FunctionCatalog.PutEntry);
        MapKind<CollectiveActivity>(app, FunctionCatalog.PostActivity, FunctionCatalog.PostActivityBatch, FunctionCatalog.GetActivity, FunctionCatalog.PutActivity);
        MapErase<LogbookEntry>(app, FunctionCatalog.DeleteEntry);
        MapErase<CollectiveActivity>(app, FunctionCatalog.DeleteActivity);
        app.MapFunction(FunctionCatalog.ListAudit, async (string? programme, string? max, HttpContext context, AuditLog audit, ReferenceData reference, CancellationToken ct) =>
        {
            // Query values are read here rather than bound, so that a wrong one is answered in the service's own
            // words, without repeating it. Asking for a programme that is not the caller's is about the request,
            // not about what is stored: it stays a 403.
            if (string.IsNullOrEmpty(programme))
            {
                return Problems.Validation("query programme", "Required: the programme whose trail to list (?programme=BAR).");
            }
            var count = 100;
            if (max is not null && !int.TryParse(max, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            {
                return Problems.Validation("query max", $"Expected a whole number of entries, from 1 to {MaxAuditEntries}.");
            }
            var caller = context.Caller();
            return caller.MayActOn(programme)
                ? TypedResults.Ok(new { entries = await audit.ListAsync(programme, Math.Clamp(count, 1, MaxAuditEntries), ct) })
                : AccessFilter.Forbidden(AccessFilter.NotYourProgramme(caller, programme, reference));
        });
        return app;
    }

    private const int MaxAuditEntries = 1000;

    private static void MapKind<T>(IEndpointRouteBuilder app, HttpFunction post, HttpFunction batch, HttpFunction get, HttpFunction put)
        where T : IFieldRecord
    {
        app.MapFunction(post, async (HttpContext context, IngestionService<T> service, IOptions<IngestionOptions> options, CancellationToken ct) =>
        {
            var (document, problem) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRecordBytes, ct);
            if (document is null)
            {
                return problem!;
            }
            using (document)
            {
                var result = await service.CreateAsync(context.Caller(), document.RootElement, ct);
                if (Refusal(result) is { } refused)
                {
                    return refused;
                }
                var outcome = result.Outcome!;
                return outcome.Status switch
                {
                    WriteStatus.Created => Record(context, outcome.Stored!, StatusCodes.Status201Created, LocationOf(get, outcome.Stored!.Record.Id)),
                    WriteStatus.Duplicate => Record(context, outcome.Stored!, StatusCodes.Status200OK),
                    WriteStatus.Erased => Problems.Status(StatusCodes.Status409Conflict, "Record erased",
                        "A record with this id was erased on request; it cannot be stored again. Remove it from the form's queue."),
                    _ => Conflict(outcome.ConflictingFields ?? []),
                };
            }
        });

        app.MapFunction(batch, async (HttpContext context, IngestionService<T> service, IOptions<IngestionOptions> options, CancellationToken ct) =>
        {
            var (document, problem) = await JsonBody.ReadAsync(context.Request, options.Value.MaxBatchBytes, ct);
            if (document is null)
            {
                return problem!;
            }
            using (document)
            {
                var (errors, tooMany, results) = await service.CreateBatchAsync(context.Caller(), document.RootElement, ct);
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
        });

        app.MapFunction(get, async (string id, HttpContext context, IngestionService<T> service, CancellationToken ct) =>
            await service.GetAsync(context.Caller(), id, ct) is { } stored ? Record(context, stored, StatusCodes.Status200OK) : NotFound());

        app.MapFunction(put, async (string id, HttpContext context, IngestionService<T> service, IOptions<IngestionOptions> options, CancellationToken ct) =>
        {
            var ifMatch = context.Request.Headers.IfMatch.ToString();
            if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
            {
                return Problems.Status(StatusCodes.Status428PreconditionRequired, "If-Match required",
                    "Send the ETag of the record you corrected (from GET) in If-Match, so that no one else's correction is overwritten.");
            }
            var (document, problem) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRecordBytes, ct);
            if (document is null)
            {
                return problem!;
            }
            using (document)
            {
                var reason = context.Request.Headers[ReasonHeader].ToString();
                if (reason.Length > 0 && ReasonProblem(reason) is { } bad)
                {
                    return Problems.Validation("header " + ReasonHeader, bad);
                }
                var result = await service.UpdateAsync(context.Caller(), id, new ETag(ifMatch.Trim()), reason.Length == 0 ? null : reason.Trim(), document.RootElement, ct);
                if (Refusal(result) is { } refused)
                {
                    return refused;
                }
                var outcome = result.Outcome!;
                return outcome.Status switch
                {
                    WriteStatus.Updated => Record(context, outcome.Stored!, StatusCodes.Status200OK),
                    WriteStatus.NotFound => NotFound(),
                    _ => Problems.Status(StatusCodes.Status412PreconditionFailed, "Record changed",
                        "The record changed since you read it: GET it again, apply your correction to it and send it with its new ETag."),
                };
            }
        });
    }

    private static void MapErase<T>(IEndpointRouteBuilder app, HttpFunction erase) where T : IFieldRecord =>
        app.MapFunction(erase, async (string id, HttpContext context, IngestionService<T> service, CancellationToken ct) =>
        {
            var reason = context.Request.Headers[ReasonHeader].ToString().Trim();
            if ((reason.Length == 0 ? "Required: why the record is erased (for instance the reference of the request)." : ReasonProblem(reason)) is { } bad)
            {
                return Problems.Validation("header " + ReasonHeader, bad);
            }
            return await service.EraseAsync(context.Caller(), id, reason, ct) switch
            {
                WriteStatus.Erased => TypedResults.NoContent(),
                WriteStatus.NotFound => NotFound(),
                _ => Problems.Status(StatusCodes.Status409Conflict, "Record changing",
                    "The record was corrected several times while it was being erased; send the erasure again."),
            };
        });

    /// <summary>Why a reason given for a change cannot be kept: too long, or holding what looks like personal data.</summary>
    private static string? ReasonProblem(string reason) =>
        reason.Length > MaxReasonLength ? $"At most {MaxReasonLength} characters."
        : PersonalData.Find(reason) is { } kind ? $"Must not hold personal data (it looks like {kind}); give a request reference instead."
        : null;

    /// <summary>The header that says why a record is corrected (optional) or erased (required); kept in the audit trail.</summary>
    public const string ReasonHeader = "X-Reason";

    private const int MaxReasonLength = 200;

    private static readonly JsonSerializerOptions BatchJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record BatchResponse(IReadOnlyList<BatchItem> Results);

    private sealed record BatchItem(string? Id, string Status, Dictionary<string, string[]>? Errors, string? ETag);

    private static string LocationOf(HttpFunction get, string id) => get.Path.Replace("{id}", id, StringComparison.Ordinal);

    /// <summary>A stored record as the contract shapes it, plus the fields the service keeps, with its ETag.</summary>
    private static IResult Record<T>(HttpContext context, Domain.StoredRecord<T> stored, int status, string? location = null) where T : IFieldRecord
    {
        var json = JsonSerializer.SerializeToNode(stored.Record, RecordJson.Options)!.AsObject();
        json["referenceVersion"] = stored.ReferenceVersion;
        json["recordedAt"] = stored.RecordedAt;
        json["updatedAt"] = stored.UpdatedAt;
        context.Response.Headers.ETag = stored.ETag;
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }
        return TypedResults.Json(json, RecordJson.Options, statusCode: status);
    }

    /// <summary>The answer to a record refused before it was stored: invalid (400) or not the caller's to store so (403); null when it was not.</summary>
    private static IResult? Refusal<T>(IngestionResult<T> result) where T : IFieldRecord =>
        result.Errors is { } errors ? Problems.Validation(errors)
        : result.Denied is { } denied ? AccessFilter.Forbidden(denied)
        : null;

    /// <summary>
    /// The one answer for an id that is not stored, not a UUID, erased, or of a record the caller may not see
    /// (another programme, a colleague's work): the same bytes, so that it tells nothing about other records. The
    /// id is not repeated: the caller has it, and a path that is not a UUID may hold anything.
    /// </summary>
    private static IResult NotFound() =>
        Problems.Status(StatusCodes.Status404NotFound, "Not found", "No record with this id is stored, or it is not one you may see.");

    /// <summary>The most problems one batch answer lists, over all its records.</summary>
    public const int MaxBatchErrors = 500;

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
