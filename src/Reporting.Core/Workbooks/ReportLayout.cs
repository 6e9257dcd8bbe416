using System.Globalization;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using static Reporting.Workbooks.ReportText;

namespace Reporting.Workbooks;

/// <summary>
/// Lays the figures of one aggregation out as the sheets of a funder's workbook, in the language asked. Unless the
/// scope asks for the unsuppressed workbook, the crossed tables and the per-municipality counts hide their small
/// cells (<see cref="SmallCells"/>): a hidden count is the text "&lt;threshold", its share is left empty.
/// </summary>
public static class ReportLayout
{
    private static readonly string[] RuleKeys = ["RuleMulti", "RuleShare", "RuleZero", "RuleCross", "RuleFingerprint"];

    /// <param name="scope">What the report covers; <see cref="ReportScope.Unsuppressed"/> shows small cells.</param>
    /// <param name="data">The counted records.</param>
    /// <param name="generatedAt">When the report is made, as the summary gives it.</param>
    /// <param name="smallCellThreshold">The smallest count shown in a suppressed workbook (the <c>Reports:SmallCellThreshold</c> setting).</param>
    /// <param name="provisional">The period had not closed when the report was made: every sheet says so first.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is less than 2.</exception>
    public static WorkbookSpec Build(ReportScope scope, ReportAggregator data, DateTimeOffset generatedAt, int smallCellThreshold, bool provisional = false)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(smallCellThreshold, 2);
        var lang = scope.Language;
        var hide = scope.Unsuppressed ? null : new Hiding(smallCellThreshold, lang);
        var labels = new Labels(data.Reference, lang, scope.SplitBrussels);
        var title = $"{T("ReportTitle", lang)} {scope.Programme} {scope.Period.Key}";
        var sheets = new List<SheetSpec> { Summary(scope, data, generatedAt, title, labels, hide) };

        var ofEntries = string.Format(CultureInfo.InvariantCulture, T("OfEntries", lang), data.Entries);
        var ofActivities = string.Format(CultureInfo.InvariantCulture, T("OfActivities", lang), data.Activities);
        sheets.Add(Distribution("FirstContact", data.FirstContact, labels.Code(data.Reference.FirstContact), ofEntries, lang));
        sheets.Add(Distribution("Initiative", data.Initiative, labels.Code(data.Reference.Initiative), ofEntries, lang));
        sheets.Add(Distribution("Place", data.Places, labels.Code(data.Reference.Places), ofEntries, lang));
        sheets.Add(Distribution("Actions", data.Actions, labels.Code(data.Reference.Actions), ofEntries, lang));
        sheets.Add(Distribution("NonTakeUp", data.NonTakeUp, labels.Code(data.Reference.NonTakeUp), ofEntries, lang));
        sheets.Add(Distribution("Themes", data.EntryThemes, labels.Code(data.Reference.Themes), ofEntries, lang));
        sheets.Add(Distribution("Vulnerabilities", data.Vulnerabilities, labels.Code(data.Reference.Vulnerabilities), ofEntries, lang));
        sheets.Add(Distribution("EntryMunicipalities", data.EntryMunicipalities, labels.Municipality, ofEntries, lang, hide: hide));
        sheets.Add(Distribution("ActivityMunicipalities", data.ActivityMunicipalities, labels.Municipality, ofActivities, lang, chart: true, hide: hide));
        sheets.Add(Distribution("ActivityThemes", data.ActivityThemes, labels.Code(data.Reference.Themes), ofActivities, lang, chart: true));
        sheets.Add(Distribution("ActivityFormats", data.ActivityFormats, labels.Code(data.Reference.ActivityFormats), ofActivities, lang));
        sheets.Add(Crossed("MunicipalityByTheme", data.MunicipalityByTheme, labels.Municipality, c => c, ofEntries, lang, hide));
        sheets.Add(Crossed("MunicipalityByNonTakeUp", data.MunicipalityByNonTakeUp, labels.Municipality, labels.Code(data.Reference.NonTakeUp), ofEntries, lang, hide));
        sheets.Add(Crossed("ThemeByNonTakeUp", data.ThemeByNonTakeUp, labels.Code(data.Reference.Themes), labels.Code(data.Reference.NonTakeUp), ofEntries, lang, hide));
        sheets.Add(Crossed("ActivityMunicipalityByTheme", data.ActivityMunicipalityByTheme, labels.Municipality, c => c, ofActivities, lang, hide));
        sheets.Add(CodeLists(data.Reference, lang));
        return new WorkbookSpec(title, provisional ? sheets.ConvertAll(s => s with { Notes = [T("Provisional", lang), .. s.Notes] }) : sheets);
    }

    private static SheetSpec Summary(ReportScope scope, ReportAggregator data, DateTimeOffset generatedAt, string title, Labels labels, Hiding? hide)
    {
        var lang = scope.Language;
        var brussels = TimeZoneInfo.ConvertTime(generatedAt, BrusselsCalendar.Zone);
        var rows = new List<IReadOnlyList<object?>>
        {
            Row(T("Programme", lang), $"{scope.Programme} – {data.Reference.Programmes.Find(scope.Programme)?.Label.In(lang) ?? scope.Programme}"),
            Row(T("Period", lang), scope.Period.Key),
            Row(T("From", lang), scope.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(T("To", lang), scope.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(T("Municipality", lang), scope.Municipality is null ? T("AllMunicipalities", lang) : $"{scope.Municipality} {labels.Municipality(scope.Municipality)}"),
            Row(T("Campaign", lang), scope.Campaign is null ? T("AllRecords", lang) : labels.Code(data.Reference.Campaigns)(scope.Campaign)),
            Row(T("BrusselsSplit", lang), T(scope.SplitBrussels ? "Yes" : "No", lang)),
            Row(T("SmallCells", lang), hide is null ? T("SmallCellsShown", lang) : string.Format(CultureInfo.InvariantCulture, T("SmallCellsHidden", lang), hide.Threshold)),
            Row(T("GeneratedUtc", lang), generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            Row(T("GeneratedBrussels", lang), brussels.ToString("yyyy-MM-dd HH:mm:ss (zzz)", CultureInfo.InvariantCulture)),
            Row(T("ReferenceVersion", lang), data.Reference.Version),
            Row(T("RecordVersions", lang), data.ReferenceVersions.Count == 0 ? "–" : string.Join(", ", data.ReferenceVersions.Order(StringComparer.Ordinal))),
            Row(T("Entries", lang), data.Entries),
            Row(T("Activities", lang), data.Activities),
            Row(T("ActivityTypes", lang), (long)data.DistinctActivityTypes),
            Row(T("MunicipalitiesReached", lang), (long)data.MunicipalitiesReached),
            Row(T("Participants", lang), data.Participants),
            Row(T("ActivitiesWithParticipants", lang), data.ActivitiesWithParticipants),
            Row(T("Fingerprint", lang), data.Fingerprint),
        };
        var notes = new List<string> { hide is null ? T("SmallCellsShownNote", lang) : hide.Rule };
        if (data.Entries + data.Activities == 0)
        {
            notes.Add(T("NoRecords", lang));
        }
        notes.Add(T("Rules", lang) + ":");
        notes.AddRange(RuleKeys.Select(r => "• " + T(r, lang)));
        var table = new TableSpec("Summary", null, [new Column(T("Item", lang), CellKind.Text), new Column(T("Value", lang), CellKind.Count)], rows);
        return new SheetSpec(T("Summary", lang), title, notes, [table]);
    }

    private static SheetSpec Distribution(string key, Tally tally, Func<string, string> label, string of, ReportLanguage lang, bool chart = false, Hiding? hide = null)
    {
        var records = tally.Records;
        var counts = tally.Snapshot();
        // One column of counts under its total: the records, of which each counts under one municipality.
        var hidden = hide is null ? null : SmallCells.Suppress(counts.Select(c => (IReadOnlyList<long>)[c]).ToList(), null, [records], null, hide.Threshold);
        var rows = tally.Axis.Codes.Select((code, i) => hidden is not null && hidden.Cell(i, 0) != Suppression.None
            ? Row(code, label(code), hide!.Marker, null) // the share would give the count away
            : Row(code, label(code), counts[i], Share(counts[i], records))).ToList();
        var columns = new[]
        {
            new Column(T("Code", lang), CellKind.Text),
            new Column(T("Label", lang), CellKind.Text),
            new Column(T("Count", lang), CellKind.Count),
            new Column(T("Share", lang), CellKind.Share),
        };
        var table = new TableSpec(key, null, columns, rows, [null, T("Total", lang), Shown(records, hidden?.ColumnTotal(0), hide), null]);
        var charts = chart ? new[] { new ChartSpec(T(key, lang), key, 1, 2) } : null;
        return new SheetSpec(T(key, lang), T(key, lang), hide is null ? [of] : [of, hide.SheetNote], [table], charts);
    }

    private static SheetSpec Crossed(string key, CrossTally cross, Func<string, string> rowLabel, Func<string, string> columnHeader, string of, ReportLanguage lang, Hiding? hide)
    {
        var cells = Enumerable.Range(0, cross.Rows.Count)
            .Select(r => (IReadOnlyList<long>)Enumerable.Range(0, cross.Columns.Count).Select(c => cross[r, c]).ToList()).ToList();
        var rowRecords = Enumerable.Range(0, cross.Rows.Count).Select(cross.RowRecords).ToList();
        var columnRecords = Enumerable.Range(0, cross.Columns.Count).Select(cross.ColumnRecords).ToList();
        var hidden = hide is null ? null : SmallCells.Suppress(cells, rowRecords, columnRecords, cross.Records, hide.Threshold);
        var columns = new List<Column> { new(T("Code", lang), CellKind.Text), new(T("Label", lang), CellKind.Text) };
        columns.AddRange(cross.Columns.Codes.Select(c => new Column(columnHeader(c), CellKind.Count)));
        columns.Add(new Column(T("RecordsInRow", lang), CellKind.Count));
        var rows = new List<IReadOnlyList<object?>>();
        for (var r = 0; r < cross.Rows.Count; r++)
        {
            var row = new List<object?> { cross.Rows.Codes[r], rowLabel(cross.Rows.Codes[r]) };
            for (var c = 0; c < cross.Columns.Count; c++)
            {
                row.Add(Shown(cells[r][c], hidden?.Cell(r, c), hide));
            }
            row.Add(Shown(rowRecords[r], hidden?.RowTotal(r), hide));
            rows.Add(row);
        }
        var totals = new List<object?> { null, T("Total", lang) };
        totals.AddRange(columnRecords.Select((count, c) => Shown(count, hidden?.ColumnTotal(c), hide)));
        totals.Add(Shown(cross.Records, hidden?.GrandTotal, hide));
        var table = new TableSpec(key, null, columns, rows, totals);
        return new SheetSpec(T(key, lang), T(key, lang), hide is null ? [of, T("RuleCross", lang)] : [of, T("RuleCross", lang), hide.SheetNote], [table]);
    }

    private static SheetSpec CodeLists(ReferenceData reference, ReportLanguage lang)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var list in reference.CodeLists)
        {
            rows.AddRange(list.Codes.Select(c => Row(list.Name, c.Value, c.Label.Nl, c.Label.Fr, c.Label.En)));
        }
        foreach (var m in reference.Municipalities)
        {
            rows.Add(Row("municipalities", m.Nis, m.Name.Nl, m.Name.Fr, m.Name.En));
            rows.AddRange(m.Parts.Select(p => Row("municipalities", p.Code, p.Name.Nl, p.Name.Fr, p.Name.En)));
        }
        rows.AddRange(reference.Neighbourhoods.Select(n => Row("neighbourhoods", n.Code, n.Name.Nl, n.Name.Fr, n.Name.En)));
        var columns = new[]
        {
            new Column(T("List", lang), CellKind.Text),
            new Column(T("Code", lang), CellKind.Text),
            new Column("NL", CellKind.Text),
            new Column("FR", CellKind.Text),
            new Column("EN", CellKind.Text),
        };
        return new SheetSpec(T("CodeLists", lang), $"{T("CodeLists", lang)} ({reference.Version})", [], [new TableSpec("CodeLists", null, columns, rows)]);
    }

    private static double? Share(long count, long records) => records == 0 ? null : (double)count / records;

    /// <summary>A count as the workbook shows it: the number, or the marker when it is hidden.</summary>
    private static object Shown(long count, Suppression? suppression, Hiding? hide) =>
        hide is not null && suppression is not null and not Suppression.None ? hide.Marker : count;

    /// <summary>How a suppressed workbook hides small cells: the threshold, the text of a hidden cell, and the notes that say so.</summary>
    private sealed class Hiding(int threshold, ReportLanguage lang)
    {
        public int Threshold => threshold;

        /// <summary>
        /// The text of every hidden cell, whether hidden as small or to protect a small one: one marker for both, so
        /// that a reader cannot tell which of two hidden cells is the small one (the summary's note says so).
        /// </summary>
        public string Marker { get; } = "<" + threshold.ToString(CultureInfo.InvariantCulture);

        public string Rule => string.Format(CultureInfo.InvariantCulture, T("SmallCellsRule", lang), threshold - 1, Marker);

        public string SheetNote => string.Format(CultureInfo.InvariantCulture, T("SmallCellsSheet", lang), threshold - 1, Marker);
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;

    /// <summary>Labels of codes in the report language, also for codes that only older reference versions list.</summary>
    private sealed class Labels(ReferenceData reference, ReportLanguage lang, bool splitBrussels)
    {
        public Func<string, string> Code(CodeList list) => code =>
            list.Find(code)?.Label.In(lang)
            ?? ReferenceCatalog.Versions.Select(v => v.CodeLists.FirstOrDefault(l => l.Name == list.Name)?.Find(code)).FirstOrDefault(c => c is not null)?.Label.In(lang)
            ?? T("Unknown", lang);

        public string Municipality(string code)
        {
            if (splitBrussels && code == ReportAggregator.BrusselsCity)
            {
                return T("BrusselsRest", lang);
            }
            foreach (var m in reference.Municipalities)
            {
                if (m.Nis == code)
                {
                    return m.Name.In(lang);
                }
                if (m.Parts.FirstOrDefault(p => p.Code == code) is { } part)
                {
                    return part.Name.In(lang);
                }
            }
            return T("Unknown", lang);
        }
    }
}
