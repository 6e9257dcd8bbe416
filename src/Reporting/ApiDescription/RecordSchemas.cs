using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reporting.Domain;

namespace Reporting.ApiDescription;

/// <summary>
/// The JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of what field forms and coordinators send: the record
/// contract of shared/api.md and the report request. Closed code lists are enums taken from the current reference
/// data, so the description cannot drift from what the service accepts; unknown properties are refused, as the
/// service refuses them.
/// </summary>
internal static class RecordSchemas
{
    /// <summary>The schemas by component name.</summary>
    public static IEnumerable<(string Name, JsonObject Schema)> All(ReferenceData reference, int maxBatchRecords) =>
    [
        ("LogbookEntry", Entry(reference)),
        ("CollectiveActivity", Activity(reference)),
        ("LogbookEntryBatch", Batch("LogbookEntry", maxBatchRecords)),
        ("CollectiveActivityBatch", Batch("CollectiveActivity", maxBatchRecords)),
        ("ReportRequest", ReportRequest(reference)),
        ("LogbookEntryPage", Page("LogbookEntry", Entry(reference))),
        ("CollectiveActivityPage", Page("CollectiveActivity", Activity(reference))),
    ];

    /// <summary>A page of a record list: each record as stored (without the fields the service writes) and its link.</summary>
    private static JsonObject Page(string kind, JsonObject record)
    {
        var properties = record["properties"]!.AsObject();
        properties.Remove("referenceVersion");
        properties.Remove("recordedAt");
        properties.Remove("updatedAt");
        properties["href"] = new JsonObject { ["type"] = "string", ["description"] = "Where the record is read (GET), corrected (PUT) and erased (DELETE)." };
        record["required"]!.AsArray().Add("href");
        record["description"] = $"A stored {kind} and its link.";
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "One page of records, month by month (in a month by id).",
            ["required"] = Strings(["items", "next"]),
            ["properties"] = new JsonObject
            {
                ["items"] = new JsonObject { ["type"] = "array", ["items"] = record },
                ["next"] = new JsonObject { ["type"] = Strings(["string", "null"]), ["description"] = "The link to the next page; null on the last one." },
            },
        };
    }

    private static JsonObject Entry(ReferenceData r) => Record(
        "One individual referral or intervention (a logbook entry). Give a municipality, a neighbourhood, or both when the neighbourhood lies in that municipality.",
        ["id", "programme", "workerCode", "date", "firstContact", "initiative", "place", "actions", "nonTakeUp", "themes"],
        new JsonObject
        {
            ["id"] = Id(),
            ["programme"] = Codes(r.Programmes, "The programme the record belongs to."),
            ["workerCode"] = WorkerCode(r),
            ["date"] = Date(),
            ["municipality"] = Nullable(Municipality(r)),
            ["postcode"] = Nullable(Postcode(r)),
            ["neighbourhood"] = Nullable(Neighbourhood(r)),
            ["firstContact"] = Codes(r.FirstContact, "How the first contact came about."),
            ["initiative"] = Codes(r.Initiative, "Whose initiative the contact was."),
            ["place"] = Codes(r.Places, "Where the contact took place."),
            ["actions"] = CodeSet(r.Actions, 1, "What the worker did (at least one)."),
            ["nonTakeUp"] = CodeSet(r.NonTakeUp, 0, "The non-take-up mechanisms found; empty when none."),
            ["themes"] = CodeSet(r.Themes, 1, "The themes A–Z (at least one)."),
            ["vulnerabilities"] = Nullable(CodeSet(r.Vulnerabilities, 0, "Vulnerabilities noticed.")),
            ["campaign"] = Nullable(Codes(r.Campaigns, "The campaign the contact belongs to.")),
        });

    private static JsonObject Activity(ReferenceData r) => Record(
        "One collective or community activity. Give a municipality, a neighbourhood, or both when the neighbourhood lies in that municipality.",
        ["id", "programme", "workerCodes", "date", "name", "format", "regularity", "organisation", "themes"],
        new JsonObject
        {
            ["id"] = Id(),
            ["programme"] = Codes(r.Programmes, "The programme the record belongs to."),
            ["workerCodes"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "The workers who ran it (at least one), each a worker code of the record's programme.",
                ["items"] = WorkerCode(r),
                ["minItems"] = 1,
                ["maxItems"] = RecordReader.MaxWorkersPerActivity,
                ["uniqueItems"] = true,
            },
            ["date"] = Date(),
            ["municipality"] = Nullable(Municipality(r)),
            ["postcode"] = Nullable(Postcode(r)),
            ["neighbourhood"] = Nullable(Neighbourhood(r)),
            ["name"] = new JsonObject
            {
                ["type"] = "string",
                ["minLength"] = 1,
                ["maxLength"] = RecordReader.MaxNameLength,
                ["description"] = "The only free text: what the activity was, never who took part. Text that looks like personal data (an e-mail address, a phone or national register number, an IBAN) is refused.",
            },
            ["format"] = Codes(r.ActivityFormats, "The kind of activity."),
            ["regularity"] = Codes(r.Regularity, "Regular or one-off."),
            ["organisation"] = Codes(r.Organisation, "Organised by the worker, or joined."),
            ["themes"] = CodeSet(r.Themes, 1, "The themes A–Z (at least one)."),
            ["participants"] = Nullable(Count(RecordReader.MaxParticipants, "How many people took part.")),
            ["partners"] = Nullable(Count(RecordReader.MaxPartners, "How many partner organisations took part.")),
            ["campaign"] = Nullable(Codes(r.Campaigns, "The campaign the activity belongs to.")),
        });

    /// <summary>A record object: its fields, those the service writes (which may be sent back and are ignored), nothing else.</summary>
    private static JsonObject Record(string description, string[] required, JsonObject properties)
    {
        properties["referenceVersion"] = new JsonObject
        {
            ["type"] = "string",
            ["readOnly"] = true,
            ["description"] = "Written by the service: the reference data version the record was validated against. Ignored when sent back.",
        };
        properties["recordedAt"] = Written("When the record was first stored.");
        properties["updatedAt"] = Written("When the record was last stored or corrected.");
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["required"] = Strings(required),
            ["properties"] = properties,
            ["additionalProperties"] = false,
            ["anyOf"] = new JsonArray(Present("municipality"), Present("neighbourhood")),
        };
    }

    private static JsonObject Present(string field) => new()
    {
        ["required"] = Strings([field]),
        ["properties"] = new JsonObject { [field] = new JsonObject { ["type"] = "string" } },
    };

    private static JsonObject Written(string description) => new()
    {
        ["type"] = "string",
        ["format"] = "date-time",
        ["readOnly"] = true,
        ["description"] = description + " Written by the service; ignored when sent back.",
    };

    private static JsonObject Batch(string record, int maxRecords) => new()
    {
        ["type"] = "object",
        ["description"] = $"Up to {maxRecords} records, each answered on its own in the order received.",
        ["required"] = Strings(["records"]),
        ["properties"] = new JsonObject
        {
            ["records"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = ApiSchemas.Ref(record),
                ["maxItems"] = maxRecords,
            },
        },
        ["additionalProperties"] = false,
    };

    private static JsonObject ReportRequest(ReferenceData r) => new()
    {
        ["type"] = "object",
        ["description"] = "A coordinator's request for a report of one programme and period, optionally of one municipality or campaign.",
        ["required"] = Strings(["programme", "period"]),
        ["properties"] = new JsonObject
        {
            ["programme"] = Codes(r.Programmes, "The programme reported on."),
            ["period"] = new JsonObject
            {
                ["description"] = "A month (2022-03), a quarter (2022-Q1), a year (2022) or a range of dates (at most 1,830 days), within 2020-01-01 and 31 December of the current year.",
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["pattern"] = @"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$" },
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = Strings(["from", "to"]),
                        ["properties"] = new JsonObject { ["from"] = Date(), ["to"] = Date() },
                        ["additionalProperties"] = false,
                    }),
            },
            ["municipality"] = Nullable(Municipality(r)),
            ["campaign"] = Nullable(Codes(r.Campaigns, "Only the records of this campaign.")),
            ["language"] = Nullable(new JsonObject
            {
                ["type"] = "string",
                ["enum"] = Strings(Enum.GetNames<ReportLanguage>().Select(l => l.ToLowerInvariant())),
                ["description"] = "The workbook's language (nl when left out).",
            }),
            ["splitBrussels"] = Nullable(new JsonObject { ["type"] = "boolean", ["description"] = "Show Laken, Neder-Over-Heembeek and Haren apart from the rest of Brussel-Stad (false when left out)." }),
            ["suppressSmallCells"] = Nullable(new JsonObject { ["type"] = "boolean", ["description"] = "false: the coordinator's unsuppressed workbook (report id ending _full); true when left out." }),
        },
        ["additionalProperties"] = false,
    };

    private static JsonObject Id() => new()
    {
        ["type"] = "string",
        ["format"] = "uuid",
        ["description"] = "Chosen by the form; a retry with the same id never stores a second record.",
    };

    private static JsonObject Date() => new()
    {
        ["type"] = "string",
        ["format"] = "date",
        ["description"] = "yyyy-MM-dd; for a record, not before 2020-01-01 and not after today in Europe/Brussels.",
    };

    private static JsonObject Count(int max, string description) => new()
    {
        ["type"] = "integer",
        ["minimum"] = 0,
        ["maximum"] = max,
        ["description"] = description,
    };

    private static JsonObject WorkerCode(ReferenceData r) => new()
    {
        ["type"] = "string",
        ["pattern"] = $"^({string.Join("|", r.Programmes.Codes.Select(c => Regex.Escape(c.Value)))})-[0-9]{{1,{WorkerCodes.MaxDigits}}}$",
        ["description"] = "Pseudonymous: the record's programme code, a dash and 1 to 4 digits (BAR-07).",
    };

    private static JsonObject Municipality(ReferenceData r) => new()
    {
        ["type"] = "string",
        ["enum"] = Strings(r.Municipalities.Select(m => m.Nis)),
        ["description"] = "NIS code of a Brussels municipality (GET /api/reference).",
    };

    private static JsonObject Neighbourhood(ReferenceData r) => new()
    {
        ["type"] = "string",
        ["enum"] = Strings(r.Neighbourhoods.Where(n => !n.Retired).Select(n => n.Code)),
        ["description"] = "A neighbourhood code (GET /api/reference); the municipality follows from it.",
    };

    private static JsonObject Postcode(ReferenceData r) => new()
    {
        ["type"] = "string",
        ["enum"] = Strings(r.Municipalities.SelectMany(m => m.Parts).Select(p => p.Postcode).Distinct()),
        ["description"] = "Places a record of a municipality in one of its parts (Brussel-Stad: Laken 1020, Neder-Over-Heembeek 1120, Haren 1130).",
    };

    /// <summary>One active code of a list.</summary>
    private static JsonObject Codes(CodeList list, string description) => new()
    {
        ["type"] = "string",
        ["enum"] = Strings(Active(list)),
        ["description"] = $"{description} A code of the list {list.Name} (GET /api/reference).",
    };

    /// <summary>Codes of a list, each at most once.</summary>
    private static JsonObject CodeSet(CodeList list, int minItems, string description) => new()
    {
        ["type"] = "array",
        ["description"] = $"{description} Codes of the list {list.Name} (GET /api/reference), each at most once.",
        ["items"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(Active(list)) },
        ["minItems"] = minItems,
        ["maxItems"] = list.Codes.Count,
        ["uniqueItems"] = true,
    };

    private static IEnumerable<string> Active(CodeList list) => list.Codes.Where(c => !c.Retired).Select(c => c.Value);

    /// <summary>The same schema, null allowed too (an optional field may be sent as null).</summary>
    public static JsonObject Nullable(JsonObject schema)
    {
        var type = schema["type"]!.GetValue<string>();
        schema["type"] = new JsonArray(type, "null");
        if (schema["enum"] is JsonArray values)
        {
            values.Add(null);
        }
        return schema;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
