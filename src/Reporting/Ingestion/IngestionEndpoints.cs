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
        app.MapFunction(FunctionCatalog.ListAudit, async (string programme, int? max, HttpContext context, AuditLog audit, CancellationToken ct) =>
            context.Caller().MayActOn(programme)
                ? TypedResults.Ok(new { entries = await audit.ListAsync(programme, Math.Clamp(max ?? 100, 1, 1000), ct) })
                : AccessFilter.Forbidden(AccessFilter.NotYourProgramme(programme)));
        return app;
    }

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
                return TypedResults.Json(new BatchResponse(results!.Select(r => new BatchItem(
                    r.Id,
                    JsonNamingPolicy.CamelCase.ConvertName(r.Status.ToString()),
                    r.Errors?.ToDictionary(),
                    r.Stored?.ETag)).ToList()), BatchJson);
            }
        });

        app.MapFunction(get, async (string id, HttpContext context, IngestionService<T> service, CancellationToken ct) =>
        {
            var (stored, denied) = await service.GetAsync(context.Caller(), id, ct);
            if (denied is not null)
            {
                return AccessFilter.Forbidden(denied);
            }
            return stored is null ? NotFound(id) : Record(context, stored, StatusCodes.Status200OK);
        });

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
                    WriteStatus.NotFound => NotFound(id),
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
            var (status, denied) = await service.EraseAsync(context.Caller(), id, reason, ct);
            if (denied is not null)
            {
                return AccessFilter.Forbidden(denied);
            }
            return status switch
            {
                WriteStatus.Erased => TypedResults.NoContent(),
                WriteStatus.NotFound => NotFound(id),
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

    /// <summary>The answer to a record refused before it was stored: invalid (400) or not the caller's (403); null when it was not.</summary>
    private static IResult? Refusal<T>(IngestionResult<T> result) where T : IFieldRecord =>
        result.Errors is { } errors ? Problems.Validation(errors)
        : result.Denied is { } denied ? AccessFilter.Forbidden(denied)
        : null;

    private static IResult NotFound(string id) =>
        Problems.Status(StatusCodes.Status404NotFound, "Not found", $"No record has the id '{(id.Length > 40 ? id[..40] : id)}'.");

    private static IResult Conflict(IReadOnlyList<string> fields) =>
        Problems.Status(StatusCodes.Status409Conflict, "Id already used",
            fields.Count == 0
                ? "A record with this id is already stored with other content. Send a correction with PUT, or use a new id for a new record."
                : $"A record with this id is already stored with other content ({string.Join(", ", fields)}). Send a correction with PUT, or use a new id for a new record.",
            new Dictionary<string, object?>
            {
                ["errors"] = Conflicts.Errors(fields, "Differs from the record stored under this id.").ToDictionary(),
            });
}
