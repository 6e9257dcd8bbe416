using System.Globalization;
using Reporting.Domain;
using Reporting.Disclosure;
using Reporting.Domain.Aggregation;
using static Reporting.Workbooks.ReportText;

namespace Reporting.Workbooks;

/// <summary>
/// The figures funders already received for the periods a workbook is compared with: the previous period of the same
/// kind and the same period a year earlier, each as its funder workbook published it (null: none was published). A
/// comparison shows those figures as they were published, hidden ones hidden, so it tells no one anything new.
/// </summary>
public sealed record Comparison(PublishedCells? Previous, PublishedCells? YearBefore);

/// <summary>
/// Which edition a workbook is, and the edition it replaces: its number, the fingerprint of its records, when it
/// was made and what it showed (null when that was not kept).
/// </summary>
public sealed record Revision(int Edition, int? Previous = null, string? PreviousFingerprint = null, DateTimeOffset? PreviousAt = null, PublishedCells? PreviousCells = null);

/// <summary>
/// Lays the figures of one aggregation out as the sheets of a workbook, in the language asked. A funder's workbook
/// shows what its disclosure plan (<see cref="DisclosureControl"/>) lets it show: a hidden count is the text
/// "&lt;threshold" and its share is left empty; a part with too few records is left out with a note. A
/// coordinator's unsuppressed workbook (no plan) shows every count.
/// </summary>
public static class ReportLayout
{
    private static readonly string[] RuleKeys = ["RuleMulti", "RuleShare", "RuleZero", "RuleCross", "RuleFingerprint"];

    /// <summary>
    /// A workbook protected on its own (no family of published workbooks), or unsuppressed when the scope asks:
    /// for a workbook outside any family, and for tests.
    /// </summary>
    /// <param name="scope">What the report covers; <see cref="ReportScope.Unsuppressed"/> shows small cells.</param>
    /// <param name="data">The counted records.</param>
    /// <param name="generatedAt">When the report is made, as the summary gives it.</param>
    /// <param name="smallCellThreshold">The smallest count shown in a suppressed workbook (the <c>Reports:SmallCellThreshold</c> setting).</param>
    /// <param name="provisional">The period had not closed when the report was made: every sheet says so first.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is less than 2.</exception>
    public static WorkbookSpec Build(ReportScope scope, ReportAggregator data, DateTimeOffset generatedAt, int smallCellThreshold, bool provisional = false)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(smallCellThreshold, 2);
        return Build(scope, data, generatedAt, scope.Unsuppressed ? null : DisclosureControl.Protect(scope.Id, scope, data, smallCellThreshold, []), provisional);
    }

    /// <param name="scope">What the report covers.</param>
    /// <param name="data">The counted records.</param>
    /// <param name="generatedAt">When the report is made, as the summary gives it.</param>
    /// <param name="plan">What a funder's workbook shows and hides; null for a coordinator's workbook that shows every count.</param>
    /// <param name="provisional">The period had not closed when the report was made: every sheet says so first.</param>
    /// <param name="comparison">The earlier figures to compare with; none when null (a municipality's, a campaign's or a range's report).</param>
    /// <param name="revision">The workbook's edition and the one it replaces; a first edition when null.</param>
    public static WorkbookSpec Build(ReportScope scope, ReportAggregator data, DateTimeOffset generatedAt, DisclosurePlan? plan, bool provisional = false, Comparison? comparison = null, Revision? revision = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(data);
        var lang = scope.Language;
        var show = new Figures(WorkbookCells.Of(data), plan, lang);
        var labels = new Labels(data.Reference, lang, scope.SplitBrussels);
        var title = $"{T("ReportTitle", lang)} {scope.Programme} {scope.Period.Key}";
        var sheets = new List<SheetSpec> { Summary(scope, data, generatedAt, title, show, comparison, revision) };
        if (revision is { Previous: { } earlier })
        {
            sheets.Add(Changes(data, labels, show, revision, earlier));
        }
        if (data.Months.Count > 0 && plan is not { NoFigures: true } and not { TrendWithheld: true })
        {
            sheets.Add(Trend(data, labels, show));
        }

        var ofEntries = string.Format(CultureInfo.InvariantCulture, T("OfEntries", lang), show.Text(WorkbookCells.Entries));
        var ofActivities = string.Format(CultureInfo.InvariantCulture, T("OfActivities", lang), show.Text(WorkbookCells.Activities));
        // A municipality's report shows its neighbourhoods instead of the region's municipalities.
        var region = scope.Municipality is null;
        var entries = plan is not { EntriesWithheld: true };
        var activities = plan is not { ActivitiesWithheld: true };
        if (entries)
        {
            sheets.Add(Distribution("FirstContact", data.FirstContact, labels.Code(data.Reference.FirstContact), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("Initiative", data.Initiative, labels.Code(data.Reference.Initiative), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("Place", data.Places, labels.Code(data.Reference.Places), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("Actions", data.Actions, labels.Code(data.Reference.Actions), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("NonTakeUp", data.NonTakeUp, labels.Code(data.Reference.NonTakeUp), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("Themes", data.EntryThemes, labels.Code(data.Reference.Themes), ofEntries, WorkbookCells.Entries, show));
            sheets.Add(Distribution("Vulnerabilities", data.Vulnerabilities, labels.Code(data.Reference.Vulnerabilities), ofEntries, WorkbookCells.Entries, show));
            if (region)
            {
                sheets.Add(Distribution("EntryMunicipalities", data.EntryMunicipalities, labels.Municipality, ofEntries, WorkbookCells.Entries, show));
            }
        }
        if (activities)
        {
            if (region)
            {
                sheets.Add(Distribution("ActivityMunicipalities", data.ActivityMunicipalities, labels.Municipality, ofActivities, WorkbookCells.Activities, show));
            }
            sheets.Add(Distribution("ActivityThemes", data.ActivityThemes, labels.Code(data.Reference.Themes), ofActivities, WorkbookCells.Activities, show));
            sheets.Add(Formats(data, labels, ofActivities, show, details: plan is not { DetailsWithheld: true }));
        }
        if ((entries || activities) && plan is not { DetailsWithheld: true })
        {
            // Neighbourhoods lie in a whole municipality: Brussel-Stad by its name, split or not.
            sheets.Add(Neighbourhoods(scope, data, new Labels(data.Reference, lang, splitBrussels: false), show));
        }
        if (entries)
        {
            if (region)
            {
                sheets.Add(Crossed(WorkbookCells.MunicipalityByTheme, data.MunicipalityByTheme, labels.Municipality, c => c, ofEntries, show));
                sheets.Add(Crossed(WorkbookCells.MunicipalityByNonTakeUp, data.MunicipalityByNonTakeUp, labels.Municipality, labels.Code(data.Reference.NonTakeUp), ofEntries, show));
            }
            sheets.Add(Crossed(WorkbookCells.ThemeByNonTakeUp, data.ThemeByNonTakeUp, labels.Code(data.Reference.Themes), labels.Code(data.Reference.NonTakeUp), ofEntries, show));
        }
        if (activities && region)
        {
            sheets.Add(Crossed(WorkbookCells.ActivityMunicipalityByTheme, data.ActivityMunicipalityByTheme, labels.Municipality, c => c, ofActivities, show));
        }
        if (comparison is not null && plan is not { NoFigures: true })
        {
            sheets.Add(Compared(scope, data, labels, show, comparison));
        }
        sheets.Add(CodeLists(data.Reference, lang));
        var print = new PrintSpec($"{title} · {lang.ToString().ToUpperInvariant()}{(provisional ? " · " + T("ProvisionalShort", lang) : "")}", T("PageOfPages", lang));
        return new WorkbookSpec(title, provisional ? sheets.ConvertAll(s => s with { Notes = [T("Provisional", lang), .. s.Notes] }) : sheets, print);
    }

    private static SheetSpec Summary(ReportScope scope, ReportAggregator data, DateTimeOffset generatedAt, string title, Figures show, Comparison? comparison, Revision? revision)
    {
        var lang = scope.Language;
        var plan = show.Plan;
        var brussels = TimeZoneInfo.ConvertTime(generatedAt, BrusselsCalendar.Zone);
        var rows = new List<IReadOnlyList<object?>>
        {
            Row(T("Programme", lang), $"{scope.Programme} – {data.Reference.Programmes.Find(scope.Programme)?.Label.In(lang) ?? scope.Programme}"),
            Row(T("Period", lang), scope.Period.Key),
            Row(T("From", lang), scope.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(T("To", lang), scope.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(T("Municipality", lang), scope.Municipality is null ? T("AllMunicipalities", lang) : $"{scope.Municipality} {new Labels(data.Reference, lang, false).Municipality(scope.Municipality)}"),
            Row(T("Campaign", lang), scope.Campaign is null ? T("AllRecords", lang) : new Labels(data.Reference, lang, false).Code(data.Reference.Campaigns)(scope.Campaign)),
            Row(T("BrusselsSplit", lang), T(scope.SplitBrussels ? "Yes" : "No", lang)),
            Row(T("SmallCells", lang), plan is null ? T("SmallCellsShown", lang) : string.Format(CultureInfo.InvariantCulture, T("SmallCellsHidden", lang), plan.Threshold)),
            Row(T("GeneratedUtc", lang), generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            Row(T("GeneratedBrussels", lang), brussels.ToString("yyyy-MM-dd HH:mm:ss (zzz)", CultureInfo.InvariantCulture)),
            Row(T("ReferenceVersion", lang), data.Reference.Version),
            Row(T("RecordVersions", lang), data.ReferenceVersions.Count == 0 ? "–" : string.Join(", ", data.ReferenceVersions.Order(StringComparer.Ordinal))),
            Row(T("Entries", lang), show.Value(WorkbookCells.Entries)),
            Row(T("Activities", lang), show.Value(WorkbookCells.Activities)),
            // Not counts of people or records, but they speak of the records of a part left out.
            Row(T("ActivityTypes", lang), plan is { ActivitiesWithheld: true } ? T("Withheld", lang) : (long)data.DistinctActivityTypes),
            Row(T("MunicipalitiesReached", lang), plan is { EntriesWithheld: true } or { ActivitiesWithheld: true } ? T("Withheld", lang) : (long)data.MunicipalitiesReached),
            Row(T("Participants", lang), show.Value(WorkbookCells.Participants)),
            Row(T("ActivitiesWithParticipants", lang), show.Value(WorkbookCells.ActivitiesWithParticipants)),
            Row(T("Fingerprint", lang), data.Fingerprint),
            // A number that names, not one that counts: text, as codes are.
            Row(T("Edition", lang), (revision?.Edition ?? 1).ToString(CultureInfo.InvariantCulture)),
        };
        if (revision is { Previous: { } replaced })
        {
            rows.Add(Row(T("Replaces", lang), string.Format(CultureInfo.InvariantCulture, T("ReplacesEdition", lang), replaced,
                revision.PreviousAt is { } at ? TimeZoneInfo.ConvertTime(at, BrusselsCalendar.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–")));
        }
        if (comparison is not null && plan is not { NoFigures: true })
        {
            var changes = LargestChanges(ComparedRows(data, new Labels(data.Reference, lang, scope.SplitBrussels), show, comparison), comparison);
            rows.AddRange(changes.Select((change, i) => Row(string.Format(CultureInfo.InvariantCulture, T("LargestChange", lang), i + 1), change)));
            if (changes.Count == 0)
            {
                rows.Add(Row(string.Format(CultureInfo.InvariantCulture, T("LargestChange", lang), 1), T("NoComparison", lang)));
            }
        }
        var notes = new List<string> { plan is null ? T("SmallCellsShownNote", lang) : show.Rule };
        if (plan is { Withdrawn: true })
        {
            notes.Add(T("FiguresWithdrawn", lang));
        }
        else if (plan is { NoFigures: true })
        {
            notes.Add(T("TooFewRecords", lang));
        }
        else if (plan is { EntriesWithheld: true })
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture, T("TooFewEntries", lang), plan.Threshold));
        }
        else if (plan is { ActivitiesWithheld: true })
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture, T("TooFewActivities", lang), plan.Threshold));
        }
        if (plan is { DetailsWithheld: true, NoFigures: false })
        {
            notes.Add(T("DetailsWithheld", lang));
        }
        else if (plan is { TrendWithheld: true, NoFigures: false })
        {
            notes.Add(T("TrendWithheld", lang));
        }
        if (data.Entries + data.Activities == 0)
        {
            notes.Add(T("NoRecords", lang));
        }
        notes.Add(T("Rules", lang) + ":");
        notes.AddRange(RuleKeys.Select(r => "• " + T(r, lang)));
        var table = new TableSpec("Summary", null, [new Column(T("Item", lang), CellKind.Text), new Column(T("Value", lang), CellKind.Count)], rows);
        return new SheetSpec(T("Summary", lang), title, notes, [table]);
    }

    private static SheetSpec Distribution(string key, Tally tally, Func<string, string> label, string of, string total, Figures show)
    {
        var lang = show.Language;
        var rows = tally.Axis.Codes.Select(code =>
        {
            var id = WorkbookCells.OneWay(key, code);
            return Row(code, label(code), show.Value(id), show.Share(id, total));
        }).ToList();
        var columns = new[]
        {
            new Column(T("Code", lang), CellKind.Text),
            new Column(T("Label", lang), CellKind.Text),
            new Column(T("Count", lang), CellKind.Count),
            new Column(T("Share", lang), CellKind.Share),
        };
        var table = new TableSpec(key, null, columns, rows, [null, T("Total", lang), show.Value(total), null]);
        var chart = new ChartSpec(T(key, lang), key, 1, 2, [.. tally.Axis.Codes.Select(code => ChartLabel(code, label(code)))]);
        return new SheetSpec(SheetName(key, lang), T(key, lang), show.Plan is null ? [of] : [of, show.SheetNote], [table], [chart]);
    }

    /// <summary>A sheet's name: its title, or a shorter form where the title is longer than a sheet name may be.</summary>
    private static string SheetName(string key, ReportLanguage lang) => TryT("Sheet:" + key, lang) ?? T(key, lang);

    /// <summary>
    /// A bar's label in a chart: the label, cut at a word with an ellipsis when long, after its code where the code
    /// is a letter or two (themes) or where asked (neighbourhoods), so that every bar of a long list keeps a readable label of its own.
    /// </summary>
    internal static string ChartLabel(string code, string label, bool withCode = false)
    {
        const int Room = 34;
        var shortened = label;
        if (label.Length > Room)
        {
            var cut = label.LastIndexOf(' ', Room - 1);
            shortened = label[..(cut > Room / 2 ? cut : Room - 1)].TrimEnd(' ', ',', ':', ';', '(', '-', '/') + "…";
        }
        return withCode || code.Length <= 2 ? $"{code} · {shortened}" : shortened;
    }

    /// <summary>
    /// Every figure that changed since the edition this one replaces: its table, code and label, the value each edition
    /// shows (a hidden count as its marker), the two fingerprints above.
    /// </summary>
    private static SheetSpec Changes(ReportAggregator data, Labels labels, Figures show, Revision revision, int previous)
    {
        var lang = show.Language;
        const string key = "Changes";
        var earlier = revision.PreviousCells;
        object? Before(string id) =>
            earlier is null ? null
            : earlier.Shown.TryGetValue(id, out var value) ? value
            : earlier.Hidden.Contains(id) ? "<" + earlier.Threshold.ToString(CultureInfo.InvariantCulture)
            : earlier.LeftOut.Contains(id) ? T("Withheld", lang)
            : null;
        var names = OneWayTables(data, labels).ToDictionary(t => t.Key, t => t.Label, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<object?>>();
        var counted = WorkbookCells.Of(data);
        var ids = counted.Keys.Union(earlier is null ? [] : earlier.Shown.Keys.Concat(earlier.Hidden).Concat(earlier.LeftOut), StringComparer.Ordinal);
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var before = Before(id);
            var now = counted.ContainsKey(id) ? show.Value(id) : null;
            if (earlier is null || Equals(before, now))
            {
                continue;
            }
            var (_, table, row, column) = WorkbookCells.Parse(id);
            var tableName = table is null ? T("Summary", lang) : TryT(table.Split('@')[0], lang) ?? table;
            var code = table is null ? "" : column is null ? row! : $"{row} × {column}";
            var label = table is null ? TryT(id, lang) ?? id : column is null && names.TryGetValue(table, out var name) ? name(row!) : "";
            rows.Add(Row(tableName, code, label, before, now));
        }
        var columns = new[]
        {
            new Column(T("Table", lang), CellKind.Text),
            new Column(T("Code", lang), CellKind.Text),
            new Column(T("Label", lang), CellKind.Text),
            new Column(string.Format(CultureInfo.InvariantCulture, T("EditionN", lang), previous), CellKind.Count),
            new Column(string.Format(CultureInfo.InvariantCulture, T("EditionN", lang), revision.Edition), CellKind.Count),
        };
        var notes = new List<string>
        {
            string.Format(CultureInfo.InvariantCulture, T("ChangesNote", lang), revision.Edition, previous),
            $"{string.Format(CultureInfo.InvariantCulture, T("EditionN", lang), previous)}: {T("Fingerprint", lang)} {revision.PreviousFingerprint ?? "–"}",
            $"{string.Format(CultureInfo.InvariantCulture, T("EditionN", lang), revision.Edition)}: {T("Fingerprint", lang)} {data.Fingerprint}",
        };
        if (earlier is null)
        {
            notes.Add(T("ChangesUnknown", lang));
        }
        return new SheetSpec(SheetName(key, lang), T(key, lang), notes, [new TableSpec(key, null, columns, rows)]);
    }

    /// <summary>The one-way tables a comparison covers, with their kind of records, in the workbook's order.</summary>
    private static IEnumerable<(string Key, Tally Tally, Func<string, string> Label)> OneWayTables(ReportAggregator data, Labels labels) =>
    [
        ("FirstContact", data.FirstContact, labels.Code(data.Reference.FirstContact)),
        ("Initiative", data.Initiative, labels.Code(data.Reference.Initiative)),
        ("Place", data.Places, labels.Code(data.Reference.Places)),
        ("Actions", data.Actions, labels.Code(data.Reference.Actions)),
        ("NonTakeUp", data.NonTakeUp, labels.Code(data.Reference.NonTakeUp)),
        ("Themes", data.EntryThemes, labels.Code(data.Reference.Themes)),
        ("Vulnerabilities", data.Vulnerabilities, labels.Code(data.Reference.Vulnerabilities)),
        ("EntryMunicipalities", data.EntryMunicipalities, labels.Municipality),
        ("ActivityMunicipalities", data.ActivityMunicipalities, labels.Municipality),
        ("ActivityThemes", data.ActivityThemes, labels.Code(data.Reference.Themes)),
        ("ActivityFormats", data.ActivityFormats, labels.Code(data.Reference.ActivityFormats)),
    ];

    private sealed record ComparedRow(string Table, string Code, string Label, object? Current, object? Previous, long? PreviousChange, object? YearBefore, long? YearChange);

    /// <summary>
    /// Every count of the one-way tables (and the numbers of entries, actions and participants) beside the same count
    /// as each earlier workbook published it; a change only between two shown numbers.
    /// </summary>
    private static List<ComparedRow> ComparedRows(ReportAggregator data, Labels labels, Figures show, Comparison comparison)
    {
        var lang = show.Language;
        object? Earlier(PublishedCells? cells, string id) =>
            cells is null ? null
            : cells.Shown.TryGetValue(id, out var value) ? value
            : cells.Hidden.Contains(id) ? "<" + cells.Threshold.ToString(CultureInfo.InvariantCulture)
            : cells.LeftOut.Contains(id) ? T("Withheld", lang)
            : null;
        static long? Change(object? now, object? then) => now is long a && then is long b ? a - b : null;
        ComparedRow Compare(string table, string code, string label, string id)
        {
            var current = show.Value(id);
            var previous = Earlier(comparison.Previous, id);
            var yearBefore = Earlier(comparison.YearBefore, id);
            return new ComparedRow(table, code, label, current, previous, Change(current, previous), yearBefore, Change(current, yearBefore));
        }
        var rows = new List<ComparedRow>
        {
            Compare(T("Summary", lang), "", T("Entries", lang), WorkbookCells.Entries),
            Compare(T("Summary", lang), "", T("Activities", lang), WorkbookCells.Activities),
            Compare(T("Summary", lang), "", T("Participants", lang), WorkbookCells.Participants),
        };
        foreach (var (key, tally, label) in OneWayTables(data, labels))
        {
            // Municipalities of a workbook with Brussel-Stad split compare only with another split one, and the other way.
            if (key.EndsWith("Municipalities", StringComparison.Ordinal)
                && ((comparison.Previous is { } p && p.SplitBrussels != labels.SplitBrussels) || (comparison.YearBefore is { } y && y.SplitBrussels != labels.SplitBrussels)))
            {
                continue;
            }
            rows.AddRange(tally.Axis.Codes.Select(code => Compare(T(key, lang), code, label(code), WorkbookCells.OneWay(key, code))));
        }
        return rows;
    }

    /// <summary>The three largest changes since the previous period (or else the year before), each in words: table, label, change, both values.</summary>
    private static List<string> LargestChanges(List<ComparedRow> rows, Comparison comparison)
    {
        var sincePrevious = comparison.Previous is not null && rows.Any(r => r.PreviousChange is not null and not 0);
        var since = sincePrevious ? comparison.Previous! : comparison.YearBefore;
        return rows
            .Select((r, i) => (Row: r, Order: i, Change: sincePrevious ? r.PreviousChange : r.YearChange, Then: sincePrevious ? r.Previous : r.YearBefore))
            .Where(x => x.Change is not null and not 0)
            .OrderByDescending(x => Math.Abs(x.Change!.Value)).ThenBy(x => x.Order)
            .Take(3)
            .Select(x => string.Create(CultureInfo.InvariantCulture,
                $"{x.Row.Table}: {(x.Row.Code.Length > 0 ? x.Row.Code + " " : "")}{x.Row.Label}, {x.Change:+#,##0;-#,##0} ({PeriodKey(since!)} {x.Then:#,##0} → {x.Row.Current:#,##0})"))
            .ToList();
    }

    private static string PeriodKey(PublishedCells cells) => new ReportPeriod(cells.Kind, cells.From, cells.To).Key;

    private static SheetSpec Compared(ReportScope scope, ReportAggregator data, Labels labels, Figures show, Comparison comparison)
    {
        var lang = show.Language;
        const string key = "Comparison";
        string Header(string text, PublishedCells? cells, ReportPeriod expected) => $"{text} ({(cells is null ? expected.Key : PeriodKey(cells))})";
        var previousPeriod = scope.Period.Previous();
        var yearBefore = scope.Period.YearBefore();
        var columns = new[]
        {
            new Column(T("Table", lang), CellKind.Text),
            new Column(T("Code", lang), CellKind.Text),
            new Column(T("Label", lang), CellKind.Text),
            new Column(Header(T("ThisPeriod", lang), null, scope.Period), CellKind.Count),
            new Column(Header(T("PreviousPeriod", lang), comparison.Previous, previousPeriod), CellKind.Count),
            new Column(Header(T("Change", lang), comparison.Previous, previousPeriod), CellKind.Count),
            new Column(Header(T("YearBefore", lang), comparison.YearBefore, yearBefore), CellKind.Count),
            new Column(Header(T("Change", lang), comparison.YearBefore, yearBefore), CellKind.Count),
        };
        var rows = ComparedRows(data, labels, show, comparison)
            .Select(r => Row(r.Table, r.Code, r.Label, r.Current, r.Previous, r.PreviousChange, r.YearBefore, r.YearChange))
            .ToList();
        var notes = new List<string> { T("ComparisonNote", lang) };
        if (comparison.Previous is null)
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture, T("NotPublished", lang), previousPeriod.Key));
        }
        if (comparison.YearBefore is null)
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture, T("NotPublished", lang), yearBefore.Key));
        }
        return new SheetSpec(SheetName(key, lang), T(key, lang), notes, [new TableSpec(key, null, columns, rows)]);
    }

    /// <summary>
    /// The period month by month: entries, collective actions, participants, each non-take-up mechanism and the
    /// period's largest themes, the totals those of the period; a line chart of entries and collective actions.
    /// </summary>
    private static SheetSpec Trend(ReportAggregator data, Labels labels, Figures show)
    {
        var lang = show.Language;
        const string key = "Trend";
        var measures = WorkbookCells.TrendMeasures(data);
        var mechanism = labels.Code(data.Reference.NonTakeUp);
        var theme = labels.Code(data.Reference.Themes);
        string Header(string measure) =>
            measure.StartsWith("NonTakeUp:", StringComparison.Ordinal) ? mechanism(measure["NonTakeUp:".Length..])
            : measure.StartsWith("Themes:", StringComparison.Ordinal) ? ChartLabel(measure["Themes:".Length..], theme(measure["Themes:".Length..]))
            : T(measure, lang);
        var columns = new List<Column> { new(T("Month", lang), CellKind.Text), new(T("Label", lang), CellKind.Text) };
        columns.AddRange(measures.Select(m => new Column(Header(m), CellKind.Count)));
        var names = T("MonthNames", lang).Split(',');
        var rows = new List<IReadOnlyList<object?>>();
        var monthLabels = new List<string>();
        foreach (var month in data.Months.Keys)
        {
            var label = $"{names[int.Parse(month[5..], CultureInfo.InvariantCulture) - 1]} {month[..4]}";
            monthLabels.Add(label);
            var row = new List<object?> { month, label };
            row.AddRange(measures.Select(m => show.Value(WorkbookCells.TrendCell(month, m))));
            rows.Add(row);
        }
        var totals = new List<object?> { null, T("Total", lang) };
        totals.AddRange(measures.Select(m => show.Value(WorkbookCells.TrendBase(m))));
        var table = new TableSpec(key, null, columns, rows, totals);
        var chart = new ChartSpec(T(key, lang), key, 1, 2, monthLabels) { Kind = ChartKind.Line, MoreValueColumns = [3] };
        var notes = new List<string> { T("TrendNote", lang) };
        if (show.Plan is not null)
        {
            notes.Add(show.SheetNote);
        }
        return new SheetSpec(SheetName(key, lang), T(key, lang), notes, [table], [chart]);
    }

    /// <summary>Collective actions per format, with their regularity, organisation and participants.</summary>
    private static SheetSpec Formats(ReportAggregator data, Labels labels, string of, Figures show, bool details)
    {
        var lang = show.Language;
        const string key = "ActivityFormats";
        var formats = data.ActivityFormats.Axis.Codes;
        var regularity = details ? data.ActivityFormatByRegularity.Columns.Codes : [];
        var organisation = details ? data.ActivityFormatByOrganisation.Columns.Codes : [];
        var regularityLabel = labels.Code(data.Reference.Regularity);
        var organisationLabel = labels.Code(data.Reference.Organisation);
        var columns = new List<Column>
        {
            new(T("Code", lang), CellKind.Text),
            new(T("Label", lang), CellKind.Text),
            new(T("Count", lang), CellKind.Count),
            new(T("Share", lang), CellKind.Share),
        };
        columns.AddRange(regularity.Select(c => new Column(regularityLabel(c), CellKind.Count)));
        columns.AddRange(organisation.Select(c => new Column(TryT("Column:" + c, lang) ?? organisationLabel(c), CellKind.Count)));
        if (details)
        {
            columns.Add(new Column(T("Participants", lang), CellKind.Count));
        }
        var label = labels.Code(data.Reference.ActivityFormats);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var format in formats)
        {
            var id = WorkbookCells.OneWay(key, format);
            var row = new List<object?> { format, label(format), show.Value(id), show.Share(id, WorkbookCells.Activities) };
            row.AddRange(regularity.Select(c => show.Value(WorkbookCells.Cross(WorkbookCells.ActivityFormatByRegularity, format, c))));
            row.AddRange(organisation.Select(c => show.Value(WorkbookCells.Cross(WorkbookCells.ActivityFormatByOrganisation, format, c))));
            if (details)
            {
                row.Add(show.Value(WorkbookCells.OneWay(WorkbookCells.ActivityParticipants, format)));
            }
            rows.Add(row);
        }
        var totals = new List<object?> { null, T("Total", lang), show.Value(WorkbookCells.Activities), null };
        totals.AddRange(regularity.Select(c => show.Value(WorkbookCells.ColumnRecordsOf(WorkbookCells.ActivityFormatByRegularity, c))));
        totals.AddRange(organisation.Select(c => show.Value(WorkbookCells.ColumnRecordsOf(WorkbookCells.ActivityFormatByOrganisation, c))));
        if (details)
        {
            totals.Add(show.Value(WorkbookCells.Participants));
        }
        var table = new TableSpec(key, null, columns, rows, totals);
        var chart = new ChartSpec(T(key, lang), key, 1, 2, [.. formats.Select(code => ChartLabel(code, label(code)))]);
        var notes = details ? new List<string> { of, T("FormatsNote", lang) } : [of];
        if (show.Plan is not null)
        {
            notes.Add(show.SheetNote);
        }
        return new SheetSpec(SheetName(key, lang), T(key, lang), notes, [table], [chart]);
    }

    /// <summary>
    /// Entries and collective actions per neighbourhood of the reference data, grouped under their municipality (a
    /// municipality's report: its own neighbourhoods only); neighbourhoods of older versions follow where they have records.
    /// </summary>
    private static SheetSpec Neighbourhoods(ReportScope scope, ReportAggregator data, Labels labels, Figures show)
    {
        var lang = show.Language;
        const string key = "Neighbourhoods";
        var order = data.Reference.Municipalities.Select((m, i) => (m.Nis, i)).ToDictionary(x => x.Nis, x => x.i, StringComparer.Ordinal);
        var keys = data.EntryNeighbourhoods.Axis.Codes.Union(data.ActivityNeighbourhoods.Axis.Codes, StringComparer.Ordinal)
            .Select(k => (Municipality: k[..k.IndexOf(':', StringComparison.Ordinal)], Code: k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..]))
            .Where(k => scope.Municipality is null || k.Municipality == scope.Municipality)
            .OrderBy(k => order.GetValueOrDefault(k.Municipality, int.MaxValue))
            .ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (municipality, code) in keys)
        {
            var name = data.Reference.FindNeighbourhood(code)?.Name.In(lang) ?? T("Unknown", lang);
            rows.Add(Row(
                code,
                name,
                $"{municipality} {labels.Municipality(municipality)}",
                show.Value(WorkbookCells.Neighbourhood(WorkbookCells.EntryNeighbourhoods, municipality, code)),
                show.Value(WorkbookCells.Neighbourhood(WorkbookCells.ActivityNeighbourhoods, municipality, code))));
        }
        var columns = new[]
        {
            new Column(T("Code", lang), CellKind.Text),
            new Column(T("Label", lang), CellKind.Text),
            new Column(T("Municipality", lang), CellKind.Text),
            new Column(T("Entries", lang), CellKind.Count),
            new Column(T("Activities", lang), CellKind.Count),
        };
        var table = new TableSpec(key, null, columns, rows);
        var charts = rows.Count == 0 ? null : new[] { new ChartSpec($"{T(key, lang)}: {T("Entries", lang)}", key, 1, 3, [.. keys.Select(k => ChartLabel(k.Code, data.Reference.FindNeighbourhood(k.Code)?.Name.In(lang) ?? T("Unknown", lang), withCode: true))]) };
        var notes = new List<string> { T("NeighbourhoodsNote", lang) };
        if (show.Plan is not null)
        {
            notes.Add(show.SheetNote);
        }
        return new SheetSpec(SheetName(key, lang), T(key, lang), notes, [table], charts);
    }

    private static SheetSpec Crossed(string key, CrossTally cross, Func<string, string> rowLabel, Func<string, string> columnHeader, string of, Figures show)
    {
        var lang = show.Language;
        var columns = new List<Column> { new(T("Code", lang), CellKind.Text), new(T("Label", lang), CellKind.Text) };
        columns.AddRange(cross.Columns.Codes.Select(c => new Column(columnHeader(c), CellKind.Count)));
        columns.Add(new Column(T("RecordsInRow", lang), CellKind.Count));
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var rowCode in cross.Rows.Codes)
        {
            var row = new List<object?> { rowCode, rowLabel(rowCode) };
            row.AddRange(cross.Columns.Codes.Select(c => show.Value(WorkbookCells.Cross(key, rowCode, c))));
            row.Add(show.Value(WorkbookCells.RowRecordsOf(key, rowCode)));
            rows.Add(row);
        }
        var totals = new List<object?> { null, T("Total", lang) };
        totals.AddRange(cross.Columns.Codes.Select(c => show.Value(WorkbookCells.ColumnRecordsOf(key, c))));
        totals.Add(show.Value(WorkbookCells.GrandOf(key)));
        var table = new TableSpec(key, null, columns, rows, totals);
        return new SheetSpec(SheetName(key, lang), T(key, lang), show.Plan is null ? [of, T("RuleCross", lang)] : [of, T("RuleCross", lang), show.SheetNote], [table]);
    }

    private static SheetSpec CodeLists(ReferenceData reference, ReportLanguage lang)
    {
        // Each list by its name in the workbook's language; the codes stay codes (what the records hold).
        string Name(string list) => TryT("List:" + list, lang) ?? list;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var list in reference.CodeLists)
        {
            rows.AddRange(list.Codes.Select(c => Row(Name(list.Name), c.Value, c.Label.Nl, c.Label.Fr, c.Label.En)));
        }
        foreach (var m in reference.Municipalities)
        {
            rows.Add(Row(Name("municipalities"), m.Nis, m.Name.Nl, m.Name.Fr, m.Name.En));
            rows.AddRange(m.Parts.Select(p => Row(Name("municipalities"), p.Code, p.Name.Nl, p.Name.Fr, p.Name.En)));
        }
        rows.AddRange(reference.Neighbourhoods.Select(n => Row(Name("neighbourhoods"), n.Code, n.Name.Nl, n.Name.Fr, n.Name.En)));
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

    /// <summary>
    /// The counts as the workbook shows them: the true count, or the marker where the plan hides it. One marker for
    /// every hidden count, small or hidden to protect a small one, so that a reader cannot tell which is which.
    /// </summary>
    private sealed class Figures(IReadOnlyDictionary<string, long> counts, DisclosurePlan? plan, ReportLanguage lang)
    {
        public DisclosurePlan? Plan => plan;

        public ReportLanguage Language => lang;

        public string Marker { get; } = plan is null ? "" : "<" + plan.Threshold.ToString(CultureInfo.InvariantCulture);

        public string Rule => string.Format(CultureInfo.InvariantCulture, T("SmallCellsRule", lang), plan!.Threshold - 1, Marker, plan.Threshold);

        public string SheetNote => string.Format(CultureInfo.InvariantCulture, T("SmallCellsSheet", lang), plan!.Threshold - 1, Marker);

        private bool Hidden(string id) => plan is not null && (plan.Hides(id) || plan.Withholds(id));

        public object Value(string id) =>
            plan is not null && plan.Withholds(id) ? T("Withheld", lang)
            : Hidden(id) ? Marker
            : counts.GetValueOrDefault(id);

        public string Text(string id) => Value(id) is long n ? n.ToString(CultureInfo.InvariantCulture) : (string)Value(id);

        /// <summary>A share of a shown count of a shown total; empty where either is hidden (it would give the count away).</summary>
        public double? Share(string id, string total) =>
            Hidden(id) || Hidden(total) || counts.GetValueOrDefault(total) == 0 ? null : (double)counts.GetValueOrDefault(id) / counts[total];
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;

    /// <summary>Labels of codes in the report language, also for codes that only older reference versions list.</summary>
    private sealed class Labels(ReferenceData reference, ReportLanguage lang, bool splitBrussels)
    {
        public bool SplitBrussels => splitBrussels;

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
