using System.Globalization;
using Reporting.Domain;
using static Reporting.Storage.EntityFields;

namespace Reporting.Storage;

/// <summary>
/// How one kind of record maps to table entities (by hand: the stored shape is ours and may differ from the
/// contract). Lists are stored as comma-separated codes so a report can <c>$select</c> them as plain strings.
/// </summary>
public sealed class RecordMapping<T> where T : IFieldRecord
{
    public required string Kind { get; init; }
    public required string TableName { get; init; }
    public required Action<T, TableEntity> Write { get; init; }
    public required Func<TableEntity, T> Read { get; init; }
}


public static class RecordPartitions
{
    /// <summary>
    /// The partition a record lives in: its programme and the month of its date. A report of a period reads only
    /// that period's partitions (see docs/decisions/0002-partition-keys.md).
    /// </summary>
    public static string PartitionOf(string programme, DateOnly date) =>
        $"{programme}-{date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
}

/// <summary>Helpers for the stored shape of records.</summary>
internal static class EntityFields
{
    internal static string Join(IReadOnlyList<string> codes) => string.Join(',', codes);

    internal static IReadOnlyList<string> Split(string? codes) =>
        string.IsNullOrEmpty(codes) ? [] : codes.Split(',');

    internal static string Required(TableEntity entity, string name) =>
        entity.GetString(name) ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    internal static DateOnly Date(TableEntity entity) =>
        DateOnly.ParseExact(Required(entity, "Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public static class RecordMappings
{
    public static RecordMapping<LogbookEntry> Entries { get; } = new()
    {
        Kind = "entry",
        TableName = "Entries",
        Write = (e, entity) =>
        {
            entity["Programme"] = e.Programme;
            entity["WorkerCode"] = e.WorkerCode;
            entity["Date"] = Format(e.Date);
            entity["Municipality"] = e.Municipality;
            entity["Postcode"] = e.Postcode;
            entity["Neighbourhood"] = e.Neighbourhood;
            entity["FirstContact"] = e.FirstContact;
            entity["Initiative"] = e.Initiative;
            entity["Place"] = e.Place;
            entity["Actions"] = Join(e.Actions);
            entity["NonTakeUp"] = Join(e.NonTakeUp);
            entity["Themes"] = Join(e.Themes);
            entity["Vulnerabilities"] = Join(e.Vulnerabilities);
            entity["Campaign"] = e.Campaign;
        },
        Read = entity => new LogbookEntry
        {
            Id = entity.RowKey,
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
            entity["Programme"] = a.Programme;
            entity["WorkerCodes"] = Join(a.WorkerCodes);
            entity["Date"] = Format(a.Date);
            entity["Municipality"] = a.Municipality;
            entity["Postcode"] = a.Postcode;
            entity["Neighbourhood"] = a.Neighbourhood;
            entity["Name"] = a.Name;
            entity["Format"] = a.Format;
            entity["Regularity"] = a.Regularity;
            entity["Organisation"] = a.Organisation;
            entity["Themes"] = Join(a.Themes);
            entity["Participants"] = a.Participants;
            entity["Partners"] = a.Partners;
            entity["Campaign"] = a.Campaign;
        },
        Read = entity => new CollectiveActivity
        {
            Id = entity.RowKey,
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
}
