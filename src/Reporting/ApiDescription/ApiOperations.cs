using System.Text.Json.Nodes;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Ingestion;
using Reporting.Reports;

namespace Reporting.ApiDescription;

/// <summary>
/// What each HTTP function takes and answers, by function name. A function missing here is missing from the
/// description, which the tests refuse; a name here that is no function fails the build of the document.
/// </summary>
internal static class ApiOperations
{
    private const string Entries = "Logbook entries";
    private const string Activities = "Collective activities";
    private const string Reports = "Reports";
    private const string Audit = "Audit trail";
    private const string Reference = "Reference data";
    private const string Service = "Service";
    private const string Quality = "Exports and data quality";

    private static readonly Role[] Writers = [Role.FieldWorker, Role.Coordinator];
    private static readonly Role[] Readers = [Role.Coordinator, Role.Funder];

    private const string NotFound = "No such record, or one the caller may not see (another programme, a colleague's record), or erased: the same answer for each.";
    private const string NotFoundReport = "No such report, or one the caller may not see: the same answer for each.";

    public static IReadOnlyDictionary<string, Operation> All(ReferenceData reference) => new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["GetHealth"] = Operation.Anyone(Service, "Liveness and storage reachability",
                "Needs no credential. Answers 503 with the same body shape when storage does not answer within 3 seconds.")
            .Answer(200, "The service runs and storage answers.", "Health")
            .Answer(503, "Storage does not answer.", "Health"),
        ["GetReference"] = Operation.For(Reference, "Every code list with its labels",
                "Code lists with NL/FR/EN labels (retired codes flagged), municipalities with their parts and postcodes, neighbourhoods. Without version: the current reference data, which new records are validated against.", Writers)
            .WithoutStorage()
            .Query("version", new JsonObject { ["type"] = "string" }, "A reference data version (2026.1); the current one when left out.")
            .Answer(200, "The reference data.", "ReferenceData")
            .Problem(404, "No reference data has this version."),

        ["PostEntry"] = RecordPost(Entries, "logbook entry", "LogbookEntry", "/api/entries"),
        ["PostEntryBatch"] = BatchPost(Entries, "logbook entries", "LogbookEntryBatch"),
        ["GetEntry"] = RecordGet(Entries, "logbook entry", "LogbookEntry"),
        ["PutEntry"] = RecordPut(Entries, "logbook entry", "LogbookEntry"),
        ["DeleteEntry"] = RecordDelete(Entries, "logbook entry"),
        ["PostActivity"] = RecordPost(Activities, "collective activity", "CollectiveActivity", "/api/activities"),
        ["PostActivityBatch"] = BatchPost(Activities, "collective activities", "CollectiveActivityBatch"),
        ["GetActivity"] = RecordGet(Activities, "collective activity", "CollectiveActivity"),
        ["PutActivity"] = RecordPut(Activities, "collective activity", "CollectiveActivity"),
        ["DeleteActivity"] = RecordDelete(Activities, "collective activity"),

        ["ListEntries"] = RecordList(Entries, "logbook entries", "LogbookEntryPage", reference),
        ["ListActivities"] = RecordList(Activities, "collective activities", "CollectiveActivityPage", reference),
        ["ExportRecords"] = ListQuery(Operation.For(Quality, "Export a period's records as CSV",
                    "RFC 4180, UTF-8, dates ascending; codes only (an activity's free-text name is left out); a list of codes is one field, its codes separated by spaces.", Role.Coordinator)
                .Path("kind", new JsonObject { ["type"] = "string", ["enum"] = RecordSchemas.Strings(["entries", "activities"]) }, "Which records."), reference)
            .Media(200, "The records.", "text/csv", new JsonObject { ["type"] = "string" }, "Content-Disposition")
            .Problem(404, "No such export (only entries and activities)."),
        ["GetDataQuality"] = ListQuery(Operation.For(Quality, "The quality of a programme's records of a period",
                "Records per worker and month, records without a neighbourhood, and records that reports leave out or count otherwise than their form meant.", Role.Coordinator), reference)
            .Answer(200, "What was found.", "DataQuality"),

        ["ListAudit"] = Operation.For(Audit, "A programme's trail of corrections and erasures",
                "Who corrected or erased which record id, when and why, newest first; never the record's content.", Role.Coordinator)
            .Query("programme", new JsonObject { ["type"] = "string" }, "The programme whose trail to list.", required: true)
            .Query("max", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000, ["default"] = 100 }, "How many entries at most.")
            .Answer(200, "The trail, newest first.", "AuditTrail")
            .Problem(400, "No programme, or a max that is not a whole number.")
            .Problem(403, "The programme is not the caller's, or the caller is not a coordinator."),

        ["PostReport"] = Operation.For(Reports, "Ask for a report",
                "The report is made in the background (a Storage queue); poll the status in Location until it is ready. Its id follows from its scope, so asking again remakes the same report. A period not closed yet gives a provisional report.", Role.Coordinator)
            .Body("ReportRequest", "The report's scope.")
            .Answer(202, "Accepted: queued (or already being made).", "Report", "Location")
            .Problem(400, "Invalid request: the fields named.")
            .Problem(403, "The programme is not the caller's, or the caller is not a coordinator.")
            .Problem(413, "The body is larger than 16 KiB.")
            .Problem(415, "The body is not application/json."),
        ["ListReports"] = Operation.For(Reports, "The reports the caller may see",
                "Newest period first, a page at a time. A funder sees only the workbooks published for funders: whole-programme months, quarters and years with small cells hidden, made after their period closed.", Readers)
            .Query("programme", new JsonObject { ["type"] = "string" }, "Only this programme's reports.")
            .Query("period", new JsonObject { ["type"] = "string", ["pattern"] = @"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$" }, "A year, quarter or month: its reports and those of the periods within it.")
            .Query("kind", new JsonObject { ["type"] = "string", ["enum"] = RecordSchemas.Strings(["month", "quarter", "year", "range"]) }, "Only reports of periods of this kind.")
            .Query("limit", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = ReportFunctions.MaxListLimit, ["default"] = ReportFunctions.DefaultListLimit }, "Reports per page.")
            .Query("cursor", new JsonObject { ["type"] = "string" }, "Where the page starts: from the next link of the page before.")
            .Answer(200, "A page of reports (follow next).", "ReportList")
            .Problem(400, "An invalid filter, named.")
            .Problem(403, "The programme is not the caller's."),
        ["GetReport"] = Operation.For(Reports, "A report's status and editions",
                "Status queued, running, ready or failed (with reason), whether it is provisional, record counts (not to funders), and when ready its download URL; every edition the caller may download.", Readers)
            .Answer(200, "The report.", "Report")
            .Problem(404, NotFoundReport),
        ["GetReportWorkbook"] = Operation.For(Reports, "Download a report's workbook",
                "The current edition's .xlsx, or one edition's with ?edition=N.", Readers)
            .Query("edition", new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, "An edition's number; the current edition when left out.")
            .Media(200, "The workbook.", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new JsonObject { ["type"] = "string", ["contentMediaType"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, "Content-Disposition")
            .Problem(404, NotFoundReport + " Also: no such edition, or its workbook is missing.")
            .Problem(409, "Not ready yet; or its workbook is missing, and the report is being made again: poll its status."),

        ["GetApiDescription"] = Operation.Anyone(Service, "This description (OpenAPI 3.1)", "Needs no credential.")
            .WithoutStorage()
            .Media(200, "The OpenAPI document.", "application/json", new JsonObject { ["type"] = "object" }),
        ["GetApiReference"] = Operation.Anyone(Service, "The interactive API reference",
                "An HTML page (Scalar) that reads this description; it loads its script from this service only.")
            .WithoutStorage()
            .Media(200, "The page.", "text/html", new JsonObject { ["type"] = "string" }),
        ["GetApiReferenceScript"] = Operation.Anyone(Service, "The script of the API reference page",
                "Scalar's standalone script, served from the Scalar.AspNetCore package (gzip-encoded when the client accepts it).")
            .WithoutStorage()
            .Media(200, "The script.", "text/javascript", new JsonObject { ["type"] = "string" }),
    };

    private static Operation RecordList(string tag, string what, string page, ReferenceData reference) =>
        ListQuery(Operation.For(tag, $"List a period's {what}",
                "A page at a time (follow next). A field worker gets only their own records.", Writers), reference, paged: true)
            .Answer(200, "A page of records.", page);

    /// <summary>The query of a record list, an export or the data-quality view, and its refusals.</summary>
    private static Operation ListQuery(Operation operation, ReferenceData reference, bool paged = false)
    {
        operation
            .Query("programme", new JsonObject { ["type"] = "string" }, "The programme; may be left out by a caller of one programme.")
            .Query("period", new JsonObject { ["type"] = "string", ["pattern"] = @"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$" }, "A year (2022), a quarter (2022-Q1) or a month (2022-03).", required: true)
            .Query("worker", new JsonObject { ["type"] = "string" }, "Only this worker's records (a field worker: only their own code).")
            .Query("municipality", new JsonObject { ["type"] = "string", ["enum"] = RecordSchemas.Strings(reference.Municipalities.Select(m => m.Nis)) }, "Only records of this municipality (NIS code).")
            .Query("neighbourhood", new JsonObject { ["type"] = "string", ["enum"] = RecordSchemas.Strings(reference.Neighbourhoods.Select(n => n.Code)) }, "Only records of this neighbourhood.");
        if (paged)
        {
            operation
                .Query("limit", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = RecordListQuery.MaxLimit, ["default"] = RecordListQuery.DefaultLimit }, "Records per page.")
                .Query("cursor", new JsonObject { ["type"] = "string" }, "Where the page starts: from the next link of the page before.");
        }
        return operation
            .Problem(400, "A query value is wrong: every one named (query programme, query period, …), none repeated.")
            .Problem(403, "The programme is not the caller's, or a field worker asked for another worker's records.");
    }

    private static Operation RecordPost(string tag, string what, string schema, string location) =>
        Operation.For(tag, $"Post one {what}",
                $"Validated against the current reference data and stored. Sending the same record again answers 200 (never a second row): a form may retry whatever happened. The record goes to {location}/{{id}}.", Writers)
            .Body(schema, $"The {what} (the record contract).")
            .Answer(201, "Stored.", schema, "Location", "ETag")
            .Answer(200, "The same record was already stored.", schema, "ETag")
            .Problem(400, "Invalid: every invalid field, by JSON path.")
            .Problem(403, "The record's programme or worker code is not the caller's.")
            .Problem(409, "The id holds other content (the differing fields in errors; only $.id when that record is not the caller's to see), or was erased.")
            .Problem(413, "The body is larger than the record limit (64 KiB).")
            .Problem(415, "The body is not application/json.");

    private static Operation BatchPost(string tag, string what, string schema) =>
        Operation.For(tag, $"Post a batch of {what}",
                "Each record is validated and stored on its own and answered in its own result, in the order received. A batch cut short may have stored some records: sending it again answers those as duplicate and stores the rest.", Writers)
            .Body(schema, "The records.")
            .Answer(200, "One result per record.", "BatchResult")
            .Problem(400, "The envelope is wrong (not {\"records\": [...]}).")
            .Problem(413, "Over the record count or the byte limit of a batch.")
            .Problem(415, "The body is not application/json.");

    private static Operation RecordGet(string tag, string what, string schema) =>
        Operation.For(tag, $"Read one {what}", "The record as stored, with the fields the service writes.", Writers)
            .Answer(200, "The record.", schema, "ETag")
            .Problem(404, NotFound);

    private static Operation RecordPut(string tag, string what, string schema) =>
        Operation.For(tag, $"Correct one {what}",
                "Send the whole corrected record with the ETag of the GET in If-Match; the correction is kept in the audit trail.", Writers)
            .Header("If-Match", "The ETag of the record as read.", required: true)
            .Header("X-Reason", "Why (a request reference, no personal data; at most 200 characters). Kept in the audit trail.", required: false)
            .Body(schema, $"The corrected {what}.")
            .Answer(200, "Corrected.", schema, "ETag")
            .Problem(400, "Invalid: every invalid field, by JSON path (also header X-Reason).")
            .Problem(403, "The correction would give the record to a programme or worker not the caller's.")
            .Problem(404, NotFound)
            .Problem(412, "The record changed since it was read: read it again.")
            .Problem(413, "The body is larger than the record limit (64 KiB).")
            .Problem(415, "The body is not application/json.")
            .Problem(428, "No If-Match.");

    private static Operation RecordDelete(string tag, string what) =>
        Operation.For(tag, $"Erase one {what}",
                "Gone from reads and from every report made after; its id can never be stored again.", Role.Coordinator)
            .Header("X-Reason", "Why (a request reference, no personal data; at most 200 characters). Required; kept in the audit trail.", required: true)
            .Answer(204, "Erased.")
            .Problem(400, "No X-Reason, or one that cannot be kept.")
            .Problem(404, NotFound)
            .Problem(409, "The record was corrected several times while it was being erased: send the erasure again.");
}
