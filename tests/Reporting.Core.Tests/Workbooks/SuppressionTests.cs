using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Workbooks;
using Reporting.Tests.Support;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Reporting.Core.Tests.Workbooks;

/// <summary>
/// Funder workbooks hide small cells: read back, every count the test works out itself from the records as small is
/// shown as "&lt;5", every shown count is the true one, and no row or column under a shown total gives a hidden
/// cell away by difference. The coordinators' workbook shows every count.
/// </summary>
public sealed class SuppressionTests
{
    private const int Threshold = 5;
    private const string Hidden = "<5";

    /// <summary>Activities per municipality: one small count (3), which a total would give away on its own.</summary>
    private static readonly (string Municipality, int Activities)[] ActivityMunicipalities = [("21015", 12), ("21001", 8), ("21004", 6), ("21009", 3)];
    private static readonly string[] ActivityThemes = ["E", "K", "F", "S", "O"];

    private static readonly ReferenceData Reference = ReferenceCatalog.Current;

    /// <summary>Few records, so that many municipality × theme counts are small.</summary>
    private static readonly List<EntryFacts> Entries = ReportWorkbookTests.Facts(90);

    private static readonly List<ActivityFacts> Activities = ActivityMunicipalities.SelectMany(m => Enumerable.Repeat(m.Municipality, m.Activities)).Select((municipality, i) => new ActivityFacts(
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(1000 + i))),
        municipality,
        null,
        $"Stand {i % 7}",
        "market-stand",
        string.Join(',', ActivityThemes.Skip(i % 4).Take(1 + (i % 3))),
        10 + i,
        "2026.1")).ToList();

    private static MemoryStream Workbook(bool unsuppressed, int threshold = Threshold, ReportLanguage language = ReportLanguage.En)
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: language, Unsuppressed: unsuppressed);
        var aggregator = new ReportAggregator(scope, Reference);
        Entries.ForEach(f => aggregator.AddEntry(f));
        Activities.ForEach(a => aggregator.AddActivity(a));
        var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, new DateTimeOffset(2023, 1, 1, 2, 0, 0, TimeSpan.Zero), threshold), output);
        output.Position = 0;
        return output;
    }

    private static bool Mentions(string codes, string code) => codes.Split(',').Contains(code);

    private static bool IsSmall(long count, int threshold = Threshold) => count >= 1 && count < threshold;

    private static readonly Dictionary<string, string> MechanismByLabel = Reference.NonTakeUp.Codes.ToDictionary(c => c.Label.En, c => c.Value);

    /// <summary>The four crossed sheets, with the test's own count of a cell and of a row's records from the records it fed in.</summary>
    private static readonly (string Sheet, Func<string, string, long> Cell, Func<string, long> RowRecords)[] Crossed =
    [
        ("Municipality × theme",
            (m, t) => Entries.Count(f => f.Municipality == m && Mentions(f.Themes, t)),
            m => Entries.Count(f => f.Municipality == m)),
        ("Municipality × non-take-up",
            (m, n) => Entries.Count(f => f.Municipality == m && Mentions(f.NonTakeUp, MechanismByLabel[n])),
            m => Entries.Count(f => f.Municipality == m && f.NonTakeUp.Length > 0)),
        ("Theme × non-take-up",
            (t, n) => Entries.Count(f => Mentions(f.Themes, t) && Mentions(f.NonTakeUp, MechanismByLabel[n])),
            t => Entries.Count(f => Mentions(f.Themes, t) && f.NonTakeUp.Length > 0)),
        ("Coll. actions municip. × theme",
            (m, t) => Activities.Count(a => a.Municipality == m && Mentions(a.Themes, t)),
            m => Activities.Count(a => a.Municipality == m)),
    ];

    /// <summary>The table of a sheet: its header, its data rows, and its totals row.</summary>
    private static (IReadOnlyList<object?> Header, List<IReadOnlyList<object?>> Rows, IReadOnlyList<object?> Totals) Table(IReadOnlyList<IReadOnlyList<object?>> sheet)
    {
        var header = sheet.First(r => r.Count > 1 && r[0] as string == "Code" && r[1] as string == "Label");
        var start = sheet.ToList().IndexOf(header) + 1;
        var rows = sheet.Skip(start).TakeWhile(r => r[0] is string).ToList();
        return (header, rows, sheet[start + rows.Count]);
    }

    /// <summary>
    /// A cell that is hidden is the marker; a shown one is the true count. Small counts must be hidden; a larger
    /// count or a zero may be hidden too (to protect a small one).
    /// </summary>
    private static bool CheckCell(object? cell, long expected, string where)
    {
        if (IsSmall(expected))
        {
            Assert.True(Hidden.Equals(cell), $"{where}: {expected} is small but shows {cell}");
            return true;
        }
        if (cell is string text)
        {
            Assert.True(text == Hidden, $"{where}: {text}");
            return true;
        }
        Assert.True((double)expected == (double?)cell, $"{where}: expected {expected}, shows {cell}");
        return false;
    }

    private static int HiddenIn(IEnumerable<object?> cells) => cells.Count(c => Hidden.Equals(c));

    [Fact]
    public void TheCrossedTablesOfAFundersWorkbookHideExactlyTheSmallCountsAndShowTheOthersAsTheyAre()
    {
        using var workbook = Workbook(unsuppressed: false);
        var small = 0;
        var protecting = 0;
        var zeros = 0;

        foreach (var (sheetName, cellCount, rowRecords) in Crossed)
        {
            var (header, rows, totals) = Table(WorkbookReader.ReadSheet(workbook, sheetName));
            var records = header.Count - 1;
            foreach (var row in rows)
            {
                var code = (string)row[0]!;
                for (var c = 2; c < records; c++)
                {
                    var expected = cellCount(code, (string)header[c]!);
                    var hidden = CheckCell(row[c], expected, $"{sheetName} {code} × {header[c]}");
                    if (rowRecords(code) == 0)
                    {
                        // A row without records (most municipalities) has nothing to hide: its zeros show.
                        Assert.Equal(0.0, row[c]);
                        zeros++;
                    }
                    small += IsSmall(expected) ? 1 : 0;
                    protecting += hidden && !IsSmall(expected) ? 1 : 0;
                }
                CheckCell(row[records], rowRecords(code), $"{sheetName} {code} records");
            }
            Assert.All(totals.Skip(2), t => Assert.True(t is double || Hidden.Equals(t), $"{sheetName} total {t}"));
        }

        Assert.True(small > 20, $"only {small} small counts: the test records should make many");
        Assert.True(protecting > 0, "no count was hidden to protect another");
        Assert.True(zeros > 0, "no row without records to check");
    }

    /// <summary>
    /// The tables whose counts add up exactly to a total the reader sees (one municipality per record, one first
    /// contact per entry, one format per action, …): none of them may show its total with exactly one count hidden.
    /// Rows of crossed tables over multi-valued columns do not add up to their records, so they are not among them.
    /// </summary>
    [Fact]
    public void NoTableThatAddsUpShowsItsTotalWithExactlyOneHiddenCount()
    {
        using var workbook = Workbook(unsuppressed: false);
        var checkedTables = 0;

        foreach (var sheetName in new[] { "First contact", "Initiative", "Place", "Interventions per municipality", "Coll. actions per municipality", "Collective actions per format" })
        {
            var (_, rows, totals) = Table(WorkbookReader.ReadSheet(workbook, sheetName));
            if (totals[2] is double)
            {
                Assert.True(HiddenIn(rows.Select(r => r[2])) != 1, $"{sheetName}: one hidden count under a shown total");
                checkedTables++;
            }
        }
        foreach (var (sheetName, _, _) in Crossed.Where(c => c.Sheet != "Theme × non-take-up"))
        {
            var (header, rows, totals) = Table(WorkbookReader.ReadSheet(workbook, sheetName));
            var records = header.Count - 1;
            for (var c = 2; c < records; c++)
            {
                if (totals[c] is double)
                {
                    Assert.True(HiddenIn(rows.Select(r => r[c])) != 1, $"{sheetName} column {header[c]}: one hidden cell under a shown total");
                    checkedTables++;
                }
            }
            if (totals[records] is double)
            {
                Assert.NotEqual(1, HiddenIn(rows.Select(r => r[records])));
            }
        }
        Assert.True(checkedTables > 10, $"only {checkedTables} totals shown");
    }

    [Theory]
    [InlineData("Interventions per municipality", false)]
    [InlineData("Coll. actions per municipality", true)]
    public void ThePerMunicipalityCountsOfAFundersWorkbookHideSmallCountsAndTheirShares(string sheetName, bool activities)
    {
        using var workbook = Workbook(unsuppressed: false);
        var total = activities ? Activities.Count : Entries.Count;

        var (_, rows, totals) = Table(WorkbookReader.ReadSheet(workbook, sheetName));

        var hiddenCount = 0;
        foreach (var municipality in Reference.Municipalities.Select(m => m.Nis))
        {
            var expected = activities ? Activities.Count(a => a.Municipality == municipality) : Entries.Count(f => f.Municipality == municipality);
            var row = rows.Single(r => (string)r[0]! == municipality);
            if (CheckCell(row[2], expected, $"{sheetName} {municipality}"))
            {
                hiddenCount++;
                Assert.Null(row[3]);
            }
            else
            {
                Assert.Equal((double)expected / total, (double)row[3]!, 9);
            }
        }
        Assert.Equal((double)total, totals[2]);
        Assert.NotEqual(1, hiddenCount);
        if (activities)
        {
            // 3 is small, and at least one other count is hidden with it so that the total does not give 3 away.
            Assert.True(hiddenCount >= 2);
            Assert.Equal(Hidden, rows.Single(r => (string)r[0]! == "21009")[2]);
        }
    }

    [Fact]
    public void TheCoordinatorsWorkbookShowsEveryCountAndHidesNothing()
    {
        using var workbook = Workbook(unsuppressed: true);

        foreach (var (sheetName, cellCount, _) in Crossed)
        {
            var (header, rows, _) = Table(WorkbookReader.ReadSheet(workbook, sheetName));
            foreach (var row in rows)
            {
                for (var c = 2; c < header.Count - 1; c++)
                {
                    Assert.Equal((double)cellCount((string)row[0]!, (string)header[c]!), row[c]);
                }
            }
        }
        Assert.All(WorkbookReader.ReadAll(workbook), sheet =>
            Assert.DoesNotContain(sheet.Cells.SelectMany(r => r), c => c is string s && s.StartsWith('<')));
    }

    /// <summary>Every one-way table is protected too: a small count is hidden in it, a shown count is the true one.</summary>
    [Theory]
    [InlineData("First contact")]
    [InlineData("Themes")]
    [InlineData("Non-take-up")]
    [InlineData("Vulnerabilities")]
    [InlineData("Collective actions per theme")]
    [InlineData("Collective actions per format")]
    public void EveryDistributionOfAFundersWorkbookHidesItsSmallCountsAndShowsTheOthersAsTheyAre(string sheetName)
    {
        using var suppressed = Workbook(unsuppressed: false);
        using var unsuppressed = Workbook(unsuppressed: true);

        var truth = Table(WorkbookReader.ReadSheet(unsuppressed, sheetName)).Rows;
        var shown = Table(WorkbookReader.ReadSheet(suppressed, sheetName)).Rows;

        Assert.Equal(truth.Count, shown.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            var count = (long)(double)truth[i][2]!;
            if (CheckCell(shown[i][2], count, $"{sheetName} {truth[i][0]}"))
            {
                Assert.Null(shown[i][3]);
            }
        }
    }

    [Theory]
    [InlineData(ReportLanguage.En, "Summary", "Small counts", "hidden (< 5) and audited, for publication", "shown: internal working document, do not publish", "shown as \"<5\"")]
    [InlineData(ReportLanguage.Nl, "Samenvatting", "Kleine aantallen", "verborgen (< 5) en geaudit, voor publicatie", "zichtbaar: intern werkdocument, niet publiceren", "als \"<5\"")]
    [InlineData(ReportLanguage.Fr, "Résumé", "Petits effectifs", "masqués (< 5) et audités, pour publication", "visibles : document de travail interne, ne pas publier", "affiché « <5 »")]
    public void EachSummarySaysWhichWorkbookItIs(ReportLanguage language, string summaryName, string item, string hidden, string shown, string rule)
    {
        using var suppressed = Workbook(unsuppressed: false, language: language);
        using var unsuppressed = Workbook(unsuppressed: true, language: language);

        var funders = WorkbookReader.ReadSheet(suppressed, summaryName);
        var coordinators = WorkbookReader.ReadSheet(unsuppressed, summaryName);

        Assert.Equal(hidden, funders.Single(r => r[0] as string == item)[1]);
        Assert.Equal(shown, coordinators.Single(r => r[0] as string == item)[1]);
        Assert.Contains(funders, r => r[0] is string s && s.Contains(rule, StringComparison.Ordinal) && s.Contains(" 4 ", StringComparison.Ordinal));
        Assert.DoesNotContain(coordinators, r => r[0] is string s && s.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void TheConfiguredThresholdDecidesWhatIsSmallAndHowItIsShown()
    {
        using var workbook = Workbook(unsuppressed: false, threshold: 10);

        var (header, rows, _) = Table(WorkbookReader.ReadSheet(workbook, "Municipality × theme"));
        var summary = WorkbookReader.ReadSheet(workbook, "Summary");

        var checkedCells = 0;
        foreach (var row in rows)
        {
            for (var c = 2; c < header.Count - 1; c++)
            {
                var expected = Crossed[0].Cell((string)row[0]!, (string)header[c]!);
                if (IsSmall(expected, 10))
                {
                    Assert.Equal("<10", row[c]);
                    checkedCells += expected >= Threshold ? 1 : 0;
                }
            }
        }
        Assert.True(checkedCells > 0, "no count from 5 to 9 to check");
        Assert.Equal("hidden (< 10) and audited, for publication", summary.Single(r => r[0] as string == "Small counts")[1]);
        Assert.Contains(summary, r => r[0] is string s && s.Contains("from 1 to 9 is shown as \"<10\"", StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportLayout.Build(new ReportScope("BAR", ReportPeriod.ForYear(2022)), new ReportAggregator(new ReportScope("BAR", ReportPeriod.ForYear(2022)), Reference), DateTimeOffset.UnixEpoch, 1));
    }

    [Fact]
    public void AFundersWorkbookIsValidOpenXmlAndItsChartLeavesHiddenCountsOut()
    {
        using var workbook = Workbook(unsuppressed: false);
        var (_, rows, _) = Table(WorkbookReader.ReadSheet(workbook, "Coll. actions per municipality"));
        var shownAt = rows.Select((r, i) => (r, i)).Where(x => x.r[2] is double).Select(x => ((uint)x.i, (double)x.r[2]!)).ToList();

        using var document = SpreadsheetDocument.Open(workbook, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();

        Assert.Empty(errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        var chart = document.WorkbookPart!.WorksheetParts.SelectMany(w => w.DrawingsPart?.ChartParts ?? [])
            .Single(c => c.ChartSpace.Descendants<C.Title>().Single().InnerText == "Collective actions per municipality");
        var points = chart.ChartSpace.Descendants<C.Values>().Single().Descendants<C.NumericPoint>()
            .Select(p => (p.Index!.Value, double.Parse(p.InnerText, System.Globalization.CultureInfo.InvariantCulture))).OrderBy(p => p.Item1).ToList();
        Assert.True(shownAt.Count < rows.Count, "some counts per municipality should be hidden");
        Assert.Equal(shownAt, points);
    }

    [Fact]
    public async Task LibreOfficeOpensAFundersWorkbookWithTheHiddenCountsAsTheMarker()
    {
        using var workbook = Workbook(unsuppressed: false);
        var folder = Directory.CreateTempSubdirectory("reporting-suppressed-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.xlsx");
            await File.WriteAllBytesAsync(path, workbook.ToArray());

            var sheets = await LibreOffice.ReadSheetsAsync(path, WorkbookReader.SheetNames(workbook), TimeSpan.FromMinutes(2));

            var perMunicipality = sheets["Coll. actions per municipality"];
            Assert.Equal(Hidden, perMunicipality.First(r => r.Count > 2 && r[0] == "21009")[2]);
            // A count shown is the true one: the four municipalities' 12, 8, 6 (and 3, hidden) are the test's own.
            var shown = ActivityMunicipalities.Where(m => perMunicipality.First(r => r.Count > 2 && r[0] == m.Municipality)[2] != Hidden).ToList();
            Assert.NotEmpty(shown);
            Assert.All(shown, m => Assert.Equal(m.Activities.ToString(System.Globalization.CultureInfo.InvariantCulture), perMunicipality.First(r => r.Count > 2 && r[0] == m.Municipality)[2]));
            Assert.Contains(sheets["Summary"], r => r.Count > 1 && r[0] == "Small counts" && r[1] == "hidden (< 5) and audited, for publication");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
