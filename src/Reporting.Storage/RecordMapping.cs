using System.Globalization;
using Azure.Data.Tables;
using Reporting.Domain;

namespace Reporting.Storage;

/// <summary>
/// How one kind of record maps to table entities (by hand: the stored shape is ours and may differ from the
/// contract). Lists are stored as comma-separated codes so a report can <c>$select</c> them as plain strings;
/// absent values are left out of the entity.
/// </summary>
public sealed class RecordMapping<T> where T : IFieldRecord
{
    public required string Kind { get; init; }
    public required string TableName { get; init; }
    public required Action<T, TableEntity> Write { get; init; }
    public required Func<TableEntity, string, T> Read { get; init; }

    /// <summary>The field that holds a record's one worker code, which a query can filter on; null when a record holds a list.</summary>
    public string? WorkerField { get; init; }
}

public static class RecordMappings
{
    public static RecordMapping<LogbookEntry> Entries { get; } = new()
    {
        Kind = "entry",
        TableName = "Entries",
        WorkerField = "WorkerCode",
        Write = (e, entity) =>
        {
            Set(entity, "Programme", e.Programme);
            Set(entity, "WorkerCode", e.WorkerCode);
            Set(entity, "Date", Format(e.Date));
            Set(entity, "Municipality", e.Municipality);
            Set(entity, "Postcode", e.Postcode);
            Set(entity, "Neighbourhood", e.Neighbourhood);
            Set(entity, "FirstContact", e.FirstContact);
            Set(entity, "Initiative", e.Initiative);
            Set(entity, "Place", e.Place);
            Set(entity, "Actions", Join(e.Actions));
            Set(entity, "NonTakeUp", Join(e.NonTakeUp));
            Set(entity, "Themes", Join(e.Themes));
            Set(entity, "Vulnerabilities", Join(e.Vulnerabilities));
            Set(entity, "Campaign", e.Campaign);
        },
        Read = (entity, id) => new LogbookEntry
        {
            Id = id,
            Programme = Required(entity, "Programme"),
            WorkerCode = Required(entity, "WorkerCode"),
            Date = Date(entity),
            Municipality = Required(entity, "Municipality"),
            Postcode = entity.GetString("Postcode"),
            Neighbourhood = entity.GetString("Neighbourhood"),
            FirstContact = Required(entity, "FirstContact"),
            Initiative = Required(entity, "Initiative"),
            Place = Required(entity, "Place"),
            Actions = Split(entity.GetString("Actions")),
            NonTakeUp = Split(entity.GetString("NonTakeUp")),
            Themes = Split(entity.GetString("Themes")),
            Vulnerabilities = Split(entity.GetString("Vulnerabilities")),
            Campaign = entity.GetString("Campaign"),
        },
    };

    public static RecordMapping<CollectiveActivity> Activities { get; } = new()
    {
        Kind = "activity",
        TableName = "Activities",
        Write = (a, entity) =>
        {
            Set(entity, "Programme", a.Programme);
            Set(entity, "WorkerCodes", Join(a.WorkerCodes));
            Set(entity, "Date", Format(a.Date));
            Set(entity, "Municipality", a.Municipality);
            Set(entity, "Postcode", a.Postcode);
            Set(entity, "Neighbourhood", a.Neighbourhood);
            Set(entity, "Name", a.Name);
            Set(entity, "Format", a.Format);
            Set(entity, "Regularity", a.Regularity);
            Set(entity, "Organisation", a.Organisation);
            Set(entity, "Themes", Join(a.Themes));
            Set(entity, "Participants", a.Participants);
            Set(entity, "Partners", a.Partners);
            Set(entity, "Campaign", a.Campaign);
        },
        Read = (entity, id) => new CollectiveActivity
        {
            Id = id,
            Programme = Required(entity, "Programme"),
            WorkerCodes = Split(entity.GetString("WorkerCodes")),
            Date = Date(entity),
            Municipality = Required(entity, "Municipality"),
            Postcode = entity.GetString("Postcode"),
            Neighbourhood = entity.GetString("Neighbourhood"),
            Name = Required(entity, "Name"),
            Format = Required(entity, "Format"),
            Regularity = Required(entity, "Regularity"),
            Organisation = Required(entity, "Organisation"),
            Themes = Split(entity.GetString("Themes")),
            Participants = entity.GetInt32("Participants"),
            Partners = entity.GetInt32("Partners"),
            Campaign = entity.GetString("Campaign"),
        },
    };

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static string Join(IReadOnlyList<string> codes) => string.Join(',', codes);

    private static IReadOnlyList<string> Split(string? codes) => string.IsNullOrEmpty(codes) ? [] : codes.Split(',');

    private static string Required(TableEntity entity, string name) =>
        entity.GetString(name) ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    private static DateOnly Date(TableEntity entity) =>
        DateOnly.ParseExact(Required(entity, "Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
