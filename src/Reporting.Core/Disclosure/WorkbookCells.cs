using Reporting.Domain.Aggregation;

namespace Reporting.Disclosure;

/// <summary>How the true values of cells relate, as anyone who knows how the tables are made can tell.</summary>
public enum RelationKind
{
    /// <summary>The terms add up to exactly the total.</summary>
    Equal,

    /// <summary>The terms add up to at least the total (a record counted under one or more codes).</summary>
    AtLeast,

    /// <summary>The terms add up to at most the total (a part of the total's records).</summary>
    AtMost,
}

/// <summary>Σ terms (= | ≥ | ≤) total, over the true values of cells named by their ids.</summary>
public sealed record Relation(IReadOnlyList<string> Terms, RelationKind Kind, string Total);

/// <summary>
/// Every count a report's workbook can show, by a stable id, and the relations between them: the one model that
/// the disclosure control decides on, the auditor checks, and the layout shows. A count that stands in several
/// places (a crossed table's margin and the one-way table it equals, a table's total and the summary's number of
/// entries) is one cell, so it is shown or hidden everywhere alike.
/// </summary>
/// <remarks>
/// Ids: <c>Entries</c>, <c>Activities</c>, <c>Participants</c>, <c>ActivitiesWithParticipants</c>,
/// <c>EntriesWithNonTakeUp</c>; one-way tables <c>{table}|{code}</c>; crossed tables <c>{table}|{row}|{column}</c>
/// and <c>{table}|{row}|#</c> for a row's records where those are not a one-way count already.
/// </remarks>
public static class WorkbookCells
{
    public const string Entries = "Entries";
    public const string Activities = "Activities";
    public const string Participants = "Participants";
    public const string ActivitiesWithParticipants = "ActivitiesWithParticipants";
    public const string EntriesWithNonTakeUp = "EntriesWithNonTakeUp";

    /// <summary>The one-way tables of entries whose codes partition the entries (one code per entry).</summary>
    public static readonly string[] EntryPartitions = ["FirstContact", "Initiative", "Place", "EntryMunicipalities"];

    /// <summary>The one-way tables of activities whose codes partition the activities.</summary>
    public static readonly string[] ActivityPartitions = ["ActivityMunicipalities", "ActivityFormats", "ActivityRegularity", "ActivityOrganisation"];

    /// <summary>One-way tables of multi-valued fields: each entry counts under one code or more.</summary>
    public static readonly string[] EntryAtLeastOnce = ["Actions", "Themes"];

    public const string MunicipalityByTheme = "MunicipalityByTheme";
    public const string MunicipalityByNonTakeUp = "MunicipalityByNonTakeUp";
    public const string ThemeByNonTakeUp = "ThemeByNonTakeUp";
    public const string ActivityMunicipalityByTheme = "ActivityMunicipalityByTheme";
    public const string ActivityFormatByRegularity = "ActivityFormatByRegularity";
    public const string ActivityFormatByOrganisation = "ActivityFormatByOrganisation";

    /// <summary>Participants per format: sums of participants, which add up to <see cref="Participants"/>.</summary>
    public const string ActivityParticipants = "ActivityParticipants";

    /// <summary>The crossed tables whose every record has exactly one column code (a row adds up to its records).</summary>
    private static readonly string[] OneColumnPerRecord = [ActivityFormatByRegularity, ActivityFormatByOrganisation];

    /// <summary>The crossed tables whose rows partition their records (one row code per record).</summary>
    private static readonly string[] OneRowPerRecord = [MunicipalityByTheme, MunicipalityByNonTakeUp, ActivityMunicipalityByTheme, ActivityFormatByRegularity, ActivityFormatByOrganisation];

    private static readonly string[] CrossedTables = [MunicipalityByTheme, MunicipalityByNonTakeUp, ThemeByNonTakeUp, ActivityMunicipalityByTheme, ActivityFormatByRegularity, ActivityFormatByOrganisation];

    /// <summary>
    /// The trend of a period longer than a month: <c>Trend|{yyyy-MM}|{measure}</c>, a measure being <c>Entries</c>,
    /// <c>Activities</c>, <c>Participants</c>, <c>NonTakeUp:{code}</c> or <c>Themes:{code}</c>; over the months, each
    /// adds up to the period's count of the same measure (<see cref="TrendBase"/>).
    /// </summary>
    public const string Trend = "Trend";

    /// <summary>How many of the largest themes the trend follows.</summary>
    public const int TrendThemeCount = 5;

    public static string TrendCell(string month, string measure) => Cross(Trend, month, measure);

    /// <summary>The period's cell that a trend measure's months add up to.</summary>
    public static string TrendBase(string measure) =>
        measure.StartsWith("NonTakeUp:", StringComparison.Ordinal) ? OneWay("NonTakeUp", measure["NonTakeUp:".Length..])
        : measure.StartsWith("Themes:", StringComparison.Ordinal) ? OneWay("Themes", measure["Themes:".Length..])
        : measure;

    /// <summary>The themes the trend follows: the largest of the period (by their entries, then in code order), those with entries.</summary>
    public static IReadOnlyList<string> TrendThemes(ReportAggregator data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var themes = data.EntryThemes;
        return Enumerable.Range(0, themes.Axis.Count).Where(i => themes[i] > 0)
            .OrderByDescending(i => themes[i]).ThenBy(i => i).Take(TrendThemeCount).Select(i => themes.Axis.Codes[i]).ToList();
    }

    /// <summary>The measures of a trend: entries, collective actions, participants, every non-take-up mechanism and the largest themes.</summary>
    public static IReadOnlyList<string> TrendMeasures(ReportAggregator data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [Entries, Activities, Participants, .. data.NonTakeUpAxis.Codes.Select(c => "NonTakeUp:" + c), .. TrendThemes(data).Select(c => "Themes:" + c)];
    }

    /// <summary>The tables of entries and of activities per neighbourhood; each cell's table names its municipality.</summary>
    public const string EntryNeighbourhoods = "EntryNeighbourhoods";
    public const string ActivityNeighbourhoods = "ActivityNeighbourhoods";

    /// <summary>
    /// A neighbourhood's count: <c>{table}@{municipality}|{neighbourhood}</c>, so that the relations to its
    /// municipality's count follow from the id alone.
    /// </summary>
    public static string Neighbourhood(string table, string municipality, string neighbourhood) => OneWay($"{table}@{municipality}", neighbourhood);

    public static string OneWay(string table, string code) => $"{table}|{code}";

    public static string Cross(string table, string row, string column) => $"{table}|{row}|{column}";

    /// <summary>A crossed table's row of records, where it is not a one-way count already.</summary>
    public static string RowRecords(string table, string row) => $"{table}|{row}|#";

    /// <summary>The id of a crossed table's row records as the layout shows them (shared with a one-way count where they are the same records).</summary>
    public static string RowRecordsOf(string table, string row) => table switch
    {
        MunicipalityByTheme => OneWay("EntryMunicipalities", row),
        ActivityMunicipalityByTheme => OneWay("ActivityMunicipalities", row),
        ActivityFormatByRegularity or ActivityFormatByOrganisation => OneWay("ActivityFormats", row),
        _ => RowRecords(table, row),
    };

    /// <summary>The id of a crossed table's column of records: always a one-way count.</summary>
    public static string ColumnRecordsOf(string table, string column) => table switch
    {
        MunicipalityByTheme => OneWay("Themes", column),
        ActivityMunicipalityByTheme => OneWay("ActivityThemes", column),
        ActivityFormatByRegularity => OneWay("ActivityRegularity", column),
        ActivityFormatByOrganisation => OneWay("ActivityOrganisation", column),
        _ => OneWay("NonTakeUp", column),
    };

    /// <summary>The id of a crossed table's grand total.</summary>
    public static string GrandOf(string table) => table switch
    {
        MunicipalityByTheme => Entries,
        ActivityMunicipalityByTheme or ActivityFormatByRegularity or ActivityFormatByOrganisation => Activities,
        _ => EntriesWithNonTakeUp,
    };

    /// <summary>Whether a cell is a month's count of a trend.</summary>
    public static bool IsTrend(string id) => id.StartsWith(Trend + "|", StringComparison.Ordinal);

    /// <summary>
    /// Whether a cell is one of a workbook's details: neighbourhoods, collective actions by regularity and
    /// organisation, participants per format. A workbook whose other figures can be shown only without them leaves
    /// them out.
    /// </summary>
    public static bool IsDetail(string id) =>
        id.StartsWith(EntryNeighbourhoods + "@", StringComparison.Ordinal) || id.StartsWith(ActivityNeighbourhoods + "@", StringComparison.Ordinal)
        || id.StartsWith(ActivityFormatByRegularity + "|", StringComparison.Ordinal) || id.StartsWith(ActivityFormatByOrganisation + "|", StringComparison.Ordinal)
        || id.StartsWith("ActivityRegularity|", StringComparison.Ordinal) || id.StartsWith("ActivityOrganisation|", StringComparison.Ordinal)
        || id.StartsWith(ActivityParticipants + "|", StringComparison.Ordinal);

    /// <summary>Whether a cell is a sum of participants rather than a count of records.</summary>
    public static bool IsSum(string id) => id == Participants || id.StartsWith(ActivityParticipants + "|", StringComparison.Ordinal)
        || (id.StartsWith(Trend + "|", StringComparison.Ordinal) && id.EndsWith("|" + Participants, StringComparison.Ordinal));

    /// <summary>Whether a cell belongs to the entries' part of a workbook (else to the activities').</summary>
    public static bool IsEntryCell(string id) =>
        id.StartsWith(Trend + "|", StringComparison.Ordinal) ? IsEntryCell(TrendBase(Parse(id).Column!))
        : !(id == Activities || id == Participants || id == ActivitiesWithParticipants || id.StartsWith("Activity", StringComparison.Ordinal));

    private static readonly (string Table, Func<ReportAggregator, Tally> Tally)[] OneWays =
    [
        ("FirstContact", d => d.FirstContact), ("Initiative", d => d.Initiative), ("Place", d => d.Places), ("Actions", d => d.Actions),
        ("NonTakeUp", d => d.NonTakeUp), ("Themes", d => d.EntryThemes), ("Vulnerabilities", d => d.Vulnerabilities),
        ("EntryMunicipalities", d => d.EntryMunicipalities), ("ActivityMunicipalities", d => d.ActivityMunicipalities),
        ("ActivityThemes", d => d.ActivityThemes), ("ActivityFormats", d => d.ActivityFormats),
        (ActivityParticipants, d => d.ParticipantsByFormat),
    ];

    private static readonly (string Table, Func<ReportAggregator, CrossTally> Cross)[] Crosses =
    [
        (MunicipalityByTheme, d => d.MunicipalityByTheme), (MunicipalityByNonTakeUp, d => d.MunicipalityByNonTakeUp),
        (ThemeByNonTakeUp, d => d.ThemeByNonTakeUp), (ActivityMunicipalityByTheme, d => d.ActivityMunicipalityByTheme),
        (ActivityFormatByRegularity, d => d.ActivityFormatByRegularity), (ActivityFormatByOrganisation, d => d.ActivityFormatByOrganisation),
    ];

    /// <summary>The true value of every count the workbook of these figures shows.</summary>
    public static IReadOnlyDictionary<string, long> Of(ReportAggregator data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cells = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [Entries] = data.Entries,
            [Activities] = data.Activities,
            [Participants] = data.Participants,
            [ActivitiesWithParticipants] = data.ActivitiesWithParticipants,
            [EntriesWithNonTakeUp] = data.MunicipalityByNonTakeUp.Records,
        };
        foreach (var (table, tally) in OneWays)
        {
            var t = tally(data);
            for (var i = 0; i < t.Axis.Count; i++)
            {
                cells[OneWay(table, t.Axis.Codes[i])] = t[i];
            }
        }
        foreach (var (table, tally) in new[] { (EntryNeighbourhoods, data.EntryNeighbourhoods), (ActivityNeighbourhoods, data.ActivityNeighbourhoods) })
        {
            for (var i = 0; i < tally.Axis.Count; i++)
            {
                var code = tally.Axis.Codes[i];
                var colon = code.IndexOf(':', StringComparison.Ordinal);
                cells[Neighbourhood(table, code[..colon], code[(colon + 1)..])] = tally[i];
            }
        }
        var themes = TrendThemes(data);
        foreach (var (month, counts) in data.Months)
        {
            cells[TrendCell(month, Entries)] = counts.Entries;
            cells[TrendCell(month, Activities)] = counts.Activities;
            cells[TrendCell(month, Participants)] = counts.Participants;
            for (var i = 0; i < data.NonTakeUpAxis.Count; i++)
            {
                cells[TrendCell(month, "NonTakeUp:" + data.NonTakeUpAxis.Codes[i])] = counts.NonTakeUp[counts.NonTakeUp.Axis.IndexOf(data.NonTakeUpAxis.Codes[i])];
            }
            foreach (var theme in themes)
            {
                cells[TrendCell(month, "Themes:" + theme)] = counts.Themes[counts.Themes.Axis.IndexOf(theme)];
            }
        }
        foreach (var (table, select) in Crosses)
        {
            var cross = select(data);
            for (var r = 0; r < cross.Rows.Count; r++)
            {
                var row = cross.Rows.Codes[r];
                for (var c = 0; c < cross.Columns.Count; c++)
                {
                    cells[Cross(table, row, cross.Columns.Codes[c])] = cross[r, c];
                }
                cells.TryAdd(RowRecordsOf(table, row), cross.RowRecords(r));
            }
            for (var c = 0; c < cross.Columns.Count; c++)
            {
                cells.TryAdd(ColumnRecordsOf(table, cross.Columns.Codes[c]), cross.ColumnRecords(c));
            }
        }
        return cells;
    }

    /// <summary>
    /// The relations between the true values of the given cells that follow from how the tables are made. Only
    /// relations whose every cell is among <paramref name="ids"/> are given, so the cells of a part left out of a
    /// workbook bring none.
    /// </summary>
    public static IReadOnlyList<Relation> Relations(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var set = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
        var relations = new List<Relation>();
        void Add(IEnumerable<string> terms, RelationKind kind, string total)
        {
            var list = terms.ToList();
            if (list.Count > 0 && set.Contains(total) && list.All(set.Contains))
            {
                relations.Add(new Relation(list, kind, total));
            }
        }

        var byTable = ids.Select(Parse).Where(p => p.Table is not null).GroupBy(p => p.Table!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<(string Id, string? Table, string? Row, string? Column)> Table(string name) => byTable.GetValueOrDefault(name) ?? [];
        IEnumerable<string> OneWayIds(string table) => Table(table).Where(p => p.Column is null).Select(p => p.Id);

        foreach (var table in EntryPartitions)
        {
            Add(OneWayIds(table), RelationKind.Equal, Entries);
        }
        foreach (var table in ActivityPartitions)
        {
            Add(OneWayIds(table), RelationKind.Equal, Activities);
        }
        foreach (var table in EntryAtLeastOnce)
        {
            Add(OneWayIds(table), RelationKind.AtLeast, Entries);
        }
        Add(OneWayIds("ActivityThemes"), RelationKind.AtLeast, Activities);
        Add(OneWayIds("NonTakeUp"), RelationKind.AtLeast, EntriesWithNonTakeUp);
        foreach (var id in OneWayIds("Actions").Concat(OneWayIds("Themes")).Concat(OneWayIds("Vulnerabilities")))
        {
            Add([id], RelationKind.AtMost, Entries);
        }
        foreach (var id in OneWayIds("NonTakeUp"))
        {
            Add([id], RelationKind.AtMost, EntriesWithNonTakeUp);
        }
        foreach (var id in OneWayIds("ActivityThemes"))
        {
            Add([id], RelationKind.AtMost, Activities);
        }
        Add([EntriesWithNonTakeUp], RelationKind.AtMost, Entries);
        Add([ActivitiesWithParticipants], RelationKind.AtMost, Activities);

        foreach (var table in CrossedTables)
        {
            var cells = Table(table).Where(p => p.Column is not null && p.Column != "#").ToList();
            foreach (var row in cells.GroupBy(p => p.Row!, StringComparer.Ordinal))
            {
                var rowRecords = RowRecordsOf(table, row.Key);
                // Every record of a row counts under one of its columns or more (exactly one where a record has one
                // column code), and no cell holds more than its row.
                Add(row.Select(p => p.Id), OneColumnPerRecord.Contains(table) ? RelationKind.Equal : RelationKind.AtLeast, rowRecords);
                foreach (var cell in row)
                {
                    Add([cell.Id], RelationKind.AtMost, rowRecords);
                }
            }
            foreach (var column in cells.GroupBy(p => p.Column!, StringComparer.Ordinal))
            {
                var columnRecords = ColumnRecordsOf(table, column.Key);
                // Rows of municipalities (or formats) partition the records, one each; rows of themes do not.
                Add(column.Select(p => p.Id), OneRowPerRecord.Contains(table) ? RelationKind.Equal : RelationKind.AtLeast, columnRecords);
                foreach (var cell in column)
                {
                    Add([cell.Id], RelationKind.AtMost, columnRecords);
                }
            }
        }
        Add(OneWayIds(ActivityParticipants), RelationKind.Equal, Participants);
        foreach (var id in OneWayIds(ActivityParticipants))
        {
            Add([id], RelationKind.AtMost, Participants);
        }
        foreach (var (prefix, total, municipalities) in new[] { (EntryNeighbourhoods, Entries, "EntryMunicipalities"), (ActivityNeighbourhoods, Activities, "ActivityMunicipalities") })
        {
            var groups = byTable.Where(t => t.Key.StartsWith(prefix + "@", StringComparison.Ordinal)).ToList();
            var all = groups.SelectMany(g => g.Value.Select(p => p.Id)).ToList();
            // Records without a neighbourhood are in none: the neighbourhoods of a municipality hold at most its records.
            Add(all, RelationKind.AtMost, total);
            foreach (var id in all)
            {
                Add([id], RelationKind.AtMost, total);
            }
            foreach (var group in groups)
            {
                var municipality = group.Key[(prefix.Length + 1)..];
                // With Brussel-Stad split, its row holds only its rest, and its neighbourhoods' records may lie in a part.
                if (set.Any(id => id.StartsWith($"{municipalities}|{municipality}-", StringComparison.Ordinal)))
                {
                    continue;
                }
                var ofMunicipality = OneWay(municipalities, municipality);
                Add(group.Value.Select(p => p.Id), RelationKind.AtMost, ofMunicipality);
                foreach (var cell in group.Value)
                {
                    Add([cell.Id], RelationKind.AtMost, ofMunicipality);
                }
            }
        }
        // The trend: over the months, a measure adds up to the period's count; a month's mechanism or theme holds at
        // most that month's entries.
        var trend = Table(Trend);
        foreach (var measure in trend.GroupBy(p => p.Column!, StringComparer.Ordinal))
        {
            var total = TrendBase(measure.Key);
            Add(measure.Select(p => p.Id), RelationKind.Equal, total);
            foreach (var cell in measure)
            {
                Add([cell.Id], RelationKind.AtMost, total);
                if (measure.Key.Contains(':', StringComparison.Ordinal))
                {
                    Add([cell.Id], RelationKind.AtMost, TrendCell(cell.Row!, Entries));
                }
            }
        }
        var nonTakeUpRows = Table(MunicipalityByNonTakeUp).Where(p => p.Column == "#").Select(p => p.Id).ToList();
        Add(nonTakeUpRows, RelationKind.Equal, EntriesWithNonTakeUp);
        foreach (var row in Table(MunicipalityByNonTakeUp).Where(p => p.Column == "#"))
        {
            Add([row.Id], RelationKind.AtMost, OneWay("EntryMunicipalities", row.Row!));
        }
        var themeRows = Table(ThemeByNonTakeUp).Where(p => p.Column == "#").ToList();
        Add(themeRows.Select(p => p.Id), RelationKind.AtLeast, EntriesWithNonTakeUp);
        foreach (var row in themeRows)
        {
            Add([row.Id], RelationKind.AtMost, OneWay("Themes", row.Row!));
        }
        return relations;
    }

    /// <summary>An id's table, row (the code of a one-way table) and column (null for a one-way table).</summary>
    public static (string Id, string? Table, string? Row, string? Column) Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('|');
        return parts.Length switch
        {
            2 => (id, parts[0], parts[1], null),
            3 => (id, parts[0], parts[1], parts[2]),
            _ => (id, null, null, null),
        };
    }

    /// <summary>Whether an id is a row of municipalities (or the municipality's own count): what splitting Brussel-Stad refines.</summary>
    public static string? MunicipalityOf(string id)
    {
        var (_, table, row, _) = Parse(id);
        return table is "EntryMunicipalities" or "ActivityMunicipalities" or MunicipalityByTheme or MunicipalityByNonTakeUp or ActivityMunicipalityByTheme ? row : null;
    }

    /// <summary>The same cell for another municipality (or part of Brussel-Stad).</summary>
    public static string WithMunicipality(string id, string municipality)
    {
        var (_, table, _, column) = Parse(id);
        return column is null ? OneWay(table!, municipality) : Cross(table!, municipality, column);
    }
}
