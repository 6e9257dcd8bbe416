using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using Reporting.Domain.Aggregation;
using Reporting.Domain;
using Reporting.Health;
using Reporting.Ingestion;
using Reporting.Reference;
using Reporting.Reports;
using Reporting.Storage;

namespace Reporting.ApiDescription;

/// <summary>
/// Every schema of the description: the records and requests (<see cref="RecordSchemas"/>), problem details, and
/// the answers. Answers the functions serialize from a type get their schema from that type, through the same
/// serializer options the functions answer with (System.Text.Json's schema exporter), so that a renamed or added
/// field shows.
/// </summary>
internal static class ApiSchemas
{
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";

    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    public static JsonObject All(ReferenceData reference, int maxBatchRecords, JsonSerializerOptions answers)
    {
        var schemas = new JsonObject();
        foreach (var (name, schema) in RecordSchemas.All(reference, maxBatchRecords))
        {
            schemas[name] = schema;
        }
        schemas[Problem] = ProblemDetails();
        schemas[ValidationProblem] = ValidationProblemDetails();
        schemas["BatchResult"] = BatchResult();
        // Numbers are written as numbers, whatever the options let a reader accept.
        var exported = new JsonSerializerOptions(answers)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        var report = Export<ReportFunctions.ReportView>(exported, "A report's status; its detail (GET /api/reports/{id}) adds edition and editions.");
        // The view spells these enums as lowercase strings.
        Closed(report, "status", Enum.GetNames<ReportStatus>());
        Closed(report, "periodKind", Enum.GetNames<PeriodKind>());
        Closed(report, "language", Enum.GetNames<ReportLanguage>());
        schemas["Report"] = report;
        var reports = ListOf("reports", "Report");
        reports["required"]!.AsArray().Add("next");
        reports["properties"]!["next"] = new JsonObject { ["type"] = RecordSchemas.Strings(["string", "null"]), ["description"] = "The link to the next page; null on the last one." };
        schemas["ReportList"] = reports;
        schemas["AuditEntry"] = Export<AuditEntry>(exported, "Who corrected or erased which record, when and why; never the record's content.");
        schemas["AuditTrail"] = ListOf("entries", "AuditEntry");
        schemas["DataQuality"] = DataQuality();
        schemas["Health"] = Export<HealthFunctions.HealthReport>(exported, "Whether the service runs and storage answers.");
        schemas["ReferenceData"] = Export<ReferenceFunctions.ReferenceDocument>(exported, "Every code list with NL/FR/EN labels, the municipalities (NIS codes, parts with postcodes) and the neighbourhoods.");
        return schemas;
    }

    private static JsonObject Export<T>(JsonSerializerOptions options, string description)
    {
        var schema = options.GetJsonSchemaAsNode(typeof(T), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();
        schema["description"] = description;
        return schema;
    }

    private static void Closed(JsonObject schema, string property, IEnumerable<string> names) =>
        schema["properties"]![property]!["enum"] = RecordSchemas.Strings(names.Select(n => n.ToLowerInvariant()));

    private static JsonObject ListOf(string property, string item) => new()
    {
        ["type"] = "object",
        ["required"] = RecordSchemas.Strings([property]),
        ["properties"] = new JsonObject { [property] = new JsonObject { ["type"] = "array", ["items"] = Ref(item) } },
    };

    /// <summary>GET /api/quality: what the data-quality view answers (an object the function shapes itself).</summary>
    private static JsonObject DataQuality()
    {
        static JsonObject Type(string type) => new() { ["type"] = type };
        static JsonObject Object(params (string Name, JsonObject Schema)[] properties) => new()
        {
            ["type"] = "object",
            ["required"] = RecordSchemas.Strings(properties.Select(p => p.Name)),
            ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
        };
        static JsonObject Array(JsonObject items) => new() { ["type"] = "array", ["items"] = items };
        var schema = Object(
            ("programme", Type("string")),
            ("period", Type("string")),
            ("referenceVersion", Type("string")),
            ("entries", Type("integer")),
            ("activities", Type("integer")),
            ("perWorker", Array(Object(("worker", Type("string")), ("month", Type("string")), ("entries", Type("integer")), ("activities", Type("integer"))))),
            ("withoutNeighbourhood", Object(
                ("entries", Type("integer")),
                ("activities", Type("integer")),
                ("records", Array(Object(("kind", Type("string")), ("id", Type("string")), ("href", Type("string"))))))),
            ("findings", Object(
                ("count", Type("integer")),
                ("items", Array(Object(
                    ("kind", Type("string")), ("id", Type("string")), ("href", Type("string")), ("field", Type("string")),
                    ("code", new JsonObject { ["type"] = RecordSchemas.Strings(["string", "null"]) }), ("reason", Type("string"))))))),
            ("truncated", Type("boolean")));
        schema["description"] = "Records per worker and month, records without a neighbourhood, and what reports leave out or count otherwise than meant (findings: unknown-code, retired-code, outside-region, brussels-city-no-part). Lists stop at 500 records (truncated); the counts do not.";
        return schema;
    }

    /// <summary>RFC 9457 problem details, as every refusal is answered (application/problem+json).</summary>
    private static JsonObject ProblemDetails() => new()
    {
        ["type"] = "object",
        ["description"] = "A refusal or failure (RFC 9457). It repeats nothing the caller sent but valid codes and UUIDs.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
            ["traceId"] = new JsonObject { ["type"] = "string" },
            ["errors"] = Errors("Where an answer names fields (a 409 naming the fields that differ, a 413 naming the records), as in a validation problem."),
        },
        ["required"] = RecordSchemas.Strings(["title", "status"]),
    };

    private static JsonObject ValidationProblemDetails() => new()
    {
        ["description"] = "Invalid input (400): every invalid field under its JSON path ($.themes[1], $.date; $ for the object as a whole; \"header X-Reason\", \"query programme\"). At most 20 problems per record, no path or message longer than 300 characters.",
        ["allOf"] = new JsonArray(Ref(Problem)),
        ["required"] = RecordSchemas.Strings(["errors"]),
        ["properties"] = new JsonObject { ["errors"] = Errors("Messages by JSON path.") },
    };

    private static JsonObject Errors(string description) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
    };

    private static JsonObject BatchResult() => new()
    {
        ["type"] = "object",
        ["description"] = "One result per record, in the order received; valid records are stored even when others are not.",
        ["required"] = RecordSchemas.Strings(["results"]),
        ["properties"] = new JsonObject
        {
            ["results"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = RecordSchemas.Strings(["status"]),
                    ["properties"] = new JsonObject
                    {
                        ["id"] = new JsonObject { ["type"] = RecordSchemas.Strings(["string", "null"]), ["description"] = "The record's id, when it had a usable one." },
                        ["status"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["enum"] = RecordSchemas.Strings(Enum.GetNames<BatchItemStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName)),
                        },
                        ["errors"] = Errors("Why the record is invalid or in conflict, by JSON path within the record."),
                        ["etag"] = new JsonObject { ["type"] = "string", ["description"] = "The stored record's ETag (created, duplicate)." },
                    },
                },
            },
        },
    };
}
