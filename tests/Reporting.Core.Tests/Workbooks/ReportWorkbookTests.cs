using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Workbooks;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Workbooks;

/// <summary>
/// A report workbook read back sheet by sheet, its figures compared with counts this test makes itself from
/// the records it fed in (not with the aggregator's own numbers).
/// </summary>
public sealed class ReportWorkbookTests
{
    private static readonly string[] Municipalities = ["21015", "21015", "21001", "21012", "21004", "21009", "21018"];
    private static readonly string[] Themes = ["E", "K", "F", "D", "S", "P", "C", "X", "G"];
    private static readonly string[] Mechanisms = ["non-knowledge", "non-receipt", "non-request", "exclusion", "non-proposal"];
    private static readonly string[] Actions = ["inform", "direct-action", "refer-service", "listen", "refer-collective"];

    private static readonly int Threshold = SmallCells.DefaultThreshold;

    internal static List<EntryFacts> Facts(int count)
    {
        var random = new Random(547);
        string Pick(string[] from, int min, int max) => string.Join(',', from.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)));
        return Enumerable.Range(0, count).Select(i => new EntryFacts(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))),
            Municipalities[random.Next(Municipalities.Length)],
            null,
            random.Next(3) == 0 ? "host-partner" : "public-space",
            random.Next(2) == 0 ? "self" : "outreach",
            random.Next(2) == 0 ? "office" : "outside",
            Pick(Actions, 1, 3),
            Pick(Mechanisms, 0, 2),
            Pick(Themes, 1, 4),
            null,
            "2026.1")).ToList();
    }

    /// <summary>The coordinators' workbook, small cells shown: the figures compared one by one below.</summary>
    private static (ReportScope Scope, List<EntryFacts> Facts, MemoryStream Workbook) Report(int count)
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En, Unsuppressed: true);
        var facts = Facts(count);
        var aggregator = new ReportAggregator(scope, ReferenceCatalog.Current);
        facts.ForEach(f => aggregator.AddEntry(f));
        var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, new DateTimeOffset(2023, 1, 1, 2, 0, 0, TimeSpan.Zero), Threshold), output);
        output.Position = 0;
        return (scope, facts, output);
    }

    /// <summary>The March 2022 workbook of BAR in a language, small cells hidden, of the first records of <see cref="Facts"/>; read from its start.</summary>
    private static MemoryStream MonthWorkbook(ReportLanguage language, int entries)
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3), Language: language);
        var aggregator = new ReportAggregator(scope, ReferenceCatalog.Current);
        Facts(entries).ForEach(f => aggregator.AddEntry(f));
        var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, DateTimeOffset.UnixEpoch, Threshold), output);
        output.Position = 0;
        return output;
    }

    private static bool Mentions(string codes, string code) => codes.Split(',').Contains(code);

    /// <summary>Rows of the table under the header whose first two cells are Code and Label, by code.</summary>
    private static Dictionary<string, IReadOnlyList<object?>> Rows(IReadOnlyList<IReadOnlyList<object?>> sheet, out IReadOnlyList<object?> header)
    {
        header = sheet.First(r => r.Count > 1 && r[0] as string == "Code" && r[1] as string == "Label");
        var start = sheet.ToList().IndexOf(header) + 1;
        return sheet.Skip(start).TakeWhile(r => r[0] is string).ToDictionary(r => (string)r[0]!);
    }

    [Fact]
    public void EveryDistributionSheetHasTheIndependentlyCountedFigures()
    {
        var (_, facts, workbook) = Report(547);
        var expectations = new (string Sheet, IEnumerable<string> Codes, Func<EntryFacts, string, bool> Mentions)[]
        {
            ("First contact", ReferenceCatalog.Current.FirstContact.Codes.Select(c => c.Value), (f, c) => f.FirstContact == c),
            ("Initiative", ReferenceCatalog.Current.Initiative.Codes.Select(c => c.Value), (f, c) => f.Initiative == c),
            ("Place", ReferenceCatalog.Current.Places.Codes.Select(c => c.Value), (f, c) => f.Place == c),
            ("Actions taken", Actions, (f, c) => Mentions(f.Actions, c)),
            ("Non-take-up", Mechanisms, (f, c) => Mentions(f.NonTakeUp, c)),
            ("Themes", ReferenceCatalog.Current.Themes.Codes.Select(c => c.Value), (f, c) => Mentions(f.Themes, c)),
            ("Interventions per municipality", ReferenceCatalog.Current.Municipalities.Select(m => m.Nis), (f, c) => f.Municipality == c),
        };

        foreach (var (sheetName, codes, mentions) in expectations)
        {
            var rows = Rows(WorkbookReader.ReadSheet(workbook, sheetName), out _);
            foreach (var code in codes)
            {
                var expected = facts.Count(f => mentions(f, code));
                Assert.True(rows.ContainsKey(code), $"{sheetName} has no row {code}");
                Assert.Equal((double)expected, rows[code][2]);
                Assert.Equal((double)expected / facts.Count, (double)rows[code][3]!, 9);
            }
        }
    }

    [Fact]
    public void EveryCrossedTableHasTheIndependentlyCountedCells()
    {
        var (_, facts, workbook) = Report(547);
        var labels = ReferenceCatalog.Current.NonTakeUp.Codes.ToDictionary(c => c.Label.En, c => c.Value);

        var byTheme = Rows(WorkbookReader.ReadSheet(workbook, "Municipality × theme"), out var themeHeader);
        var byMechanism = Rows(WorkbookReader.ReadSheet(workbook, "Municipality × non-take-up"), out var mechanismHeader);
        var themeByMechanism = Rows(WorkbookReader.ReadSheet(workbook, "Theme × non-take-up"), out var crossHeader);

        foreach (var municipality in ReferenceCatalog.Current.Municipalities.Select(m => m.Nis))
        {
            for (var c = 2; c < themeHeader.Count - 1; c++)
            {
                var theme = (string)themeHeader[c]!;
                Assert.Equal((double)facts.Count(f => f.Municipality == municipality && Mentions(f.Themes, theme)), byTheme[municipality][c]);
            }
            for (var c = 2; c < mechanismHeader.Count - 1; c++)
            {
                var mechanism = labels[(string)mechanismHeader[c]!];
                Assert.Equal((double)facts.Count(f => f.Municipality == municipality && Mentions(f.NonTakeUp, mechanism)), byMechanism[municipality][c]);
            }
            Assert.Equal((double)facts.Count(f => f.Municipality == municipality), byTheme[municipality][themeHeader.Count - 1]);
        }
        foreach (var theme in ReferenceCatalog.Current.Themes.Codes.Select(t => t.Value))
        {
            for (var c = 2; c < crossHeader.Count - 1; c++)
            {
                var mechanism = labels[(string)crossHeader[c]!];
                Assert.Equal((double)facts.Count(f => Mentions(f.Themes, theme) && Mentions(f.NonTakeUp, mechanism)), themeByMechanism[theme][c]);
            }
        }
    }

    [Fact]
    public void TheSummaryGivesTheTotalsTheRulesAndTheFingerprint()
    {
        var (_, facts, workbook) = Report(120);
        var again = Report(120).Workbook;

        var summary = WorkbookReader.ReadSheet(workbook, "Summary");

        Assert.Equal(120.0, summary.Single(r => r[0] as string == "Individual interventions")[1]);
        Assert.Equal((double)facts.Select(f => f.Municipality).Distinct().Count(), summary.Single(r => r[0] as string == "Municipalities reached")[1]);
        Assert.Equal("2023-01-01 02:00:00 UTC", summary.Single(r => r[0] as string == "Generated at (UTC)")[1]);
        Assert.Equal("2023-01-01 03:00:00 (+01:00)", summary.Single(r => r[0] as string == "Generated at (Brussels)")[1]);
        Assert.Contains(summary, r => r[0] is string s && s.Contains("once under each code", StringComparison.Ordinal));
        var fingerprint = summary.Single(r => r[0] as string == "Fingerprint of the records")[1];
        Assert.Equal(fingerprint, WorkbookReader.ReadSheet(again, "Summary").Single(r => r[0] as string == "Fingerprint of the records")[1]);
    }

    [Theory]
    [InlineData(ReportLanguage.Nl, "Samenvatting", "Onderwerpen")]
    [InlineData(ReportLanguage.Fr, "Résumé", "Thèmes")]
    public void TheWorkbookSpeaksTheLanguageAsked(ReportLanguage language, string summary, string themes)
    {
        using var output = MonthWorkbook(language, 0);

        var names = WorkbookReader.SheetNames(output);

        Assert.Equal(summary, names[0]);
        Assert.Contains(themes, names);
    }

    [Theory]
    [InlineData(ReportLanguage.Nl, "Voorlopig: de periode is nog niet afgesloten; de cijfers kunnen nog veranderen.")]
    [InlineData(ReportLanguage.Fr, "Provisoire : la période n'est pas encore clôturée ; les chiffres peuvent encore changer.")]
    [InlineData(ReportLanguage.En, "Provisional: the period has not closed yet; the figures may still change.")]
    public void AProvisionalWorkbookSaysSoFirstOnEverySheetAndAFinalOneNowhere(ReportLanguage language, string line)
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2026, 12), Language: language);
        var aggregator = new ReportAggregator(scope, ReferenceCatalog.Current);
        Facts(30).ForEach(f => aggregator.AddEntry(f));
        using var provisional = new MemoryStream();
        using var final = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), Threshold, provisional: true), provisional);
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero), Threshold), final);

        var sheets = WorkbookReader.ReadAll(provisional);
        Assert.Equal(18, sheets.Count);
        // The note right under each sheet's title (A2), the summary and the code lists included.
        Assert.All(sheets, sheet => Assert.Equal(line, sheet.Cells.At("A2")));
        Assert.Equal(WorkbookReader.SheetNames(final), sheets.Select(s => s.Name));
        Assert.All(WorkbookReader.ReadAll(final), sheet => Assert.DoesNotContain(sheet.Cells, row => row.Contains(line)));
    }

    [Theory]
    [InlineData(ReportLanguage.Nl, "Activiteitenrapport BAR 2022-03 · NL", "Pagina &P van &N")]
    [InlineData(ReportLanguage.Fr, "Rapport d'activités BAR 2022-03 · FR", "Page &P sur &N")]
    [InlineData(ReportLanguage.En, "Activity report BAR 2022-03 · EN", "Page &P of &N")]
    public void EveryPrintedPageSaysWhatReportItIsItsSheetAndPageNOfNAndRepeatsItsTableHeader(ReportLanguage language, string header, string footer)
    {
        using var output = MonthWorkbook(language, 40);

        using var document = SpreadsheetDocument.Open(output, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        var titles = workbook.Workbook.DefinedNames?.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>()
            .Where(n => n.Name == "_xlnm.Print_Titles").ToDictionary(n => n.LocalSheetId!.Value, n => n.Text) ?? [];
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = (WorksheetPart)workbook.GetPartById(sheets[i].Id!);
            var headerFooter = part.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.HeaderFooter>();
            Assert.Equal($"&L{header}&R&A", headerFooter?.OddHeader?.Text);
            Assert.Equal($"&C{footer}", headerFooter?.OddFooter?.Text);
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.OrientationValues.Landscape, part.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.PageSetup>()!.Orientation!.Value);
            // The rows repeated on every page: the header row of the sheet's first table, read from the table itself.
            var first = part.TableDefinitionParts.Select(t => t.Table!).OrderBy(t => t.Id!.Value).FirstOrDefault();
            if (first is null)
            {
                Assert.False(titles.ContainsKey((uint)i));
                continue;
            }
            var headerRow = new string([.. first.Reference!.Value!.Split(':')[0].SkipWhile(char.IsLetter)]);
            Assert.Equal($"'{sheets[i].Name!.Value!.Replace("'", "''", StringComparison.Ordinal)}'!${headerRow}:${headerRow}", titles[(uint)i]);
        }
        Assert.Equal(sheets.Count, sheets.Count(s => titles.ContainsKey((uint)sheets.IndexOf(s))));
    }

    [Theory]
    [InlineData(ReportLanguage.Nl, "Niet-gebruik", "Eerste contact")]
    [InlineData(ReportLanguage.Fr, "Non-recours", "Premier contact")]
    public void TheCodeListSheetNamesEveryListInTheWorkbooksLanguageNotByItsIdentifier(ReportLanguage language, string nonTakeUp, string firstContact)
    {
        using var output = MonthWorkbook(language, 0);

        var sheet = WorkbookReader.ReadAll(output)[^1];
        var lists = sheet.Cells.Skip(2).Select(r => r.Count > 0 ? r[0] as string : null).Where(v => v is not null).Distinct().ToList();
        var identifiers = ReferenceCatalog.Current.CodeLists.Select(l => l.Name).Append("municipalities").Append("neighbourhoods").ToList();

        Assert.Empty(lists.Intersect(identifiers));
        Assert.Contains(nonTakeUp, lists);
        Assert.Contains(firstContact, lists);
        // Every list keeps its codes: as many rows per list as the reference data has codes.
        Assert.Equal(ReferenceCatalog.Current.NonTakeUp.Codes.Count, sheet.Cells.Count(r => r.Count > 0 && Equals(r[0], nonTakeUp)));
    }

    [Fact]
    public void TheSummarySaysThatDistinctActivitiesAreCountedByNameAndFormat()
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3), Language: ReportLanguage.En, Unsuppressed: true);
        var aggregator = new ReportAggregator(scope, ReferenceCatalog.Current);
        var formats = ReferenceCatalog.Current.ActivityFormats.Codes.Where(c => !c.Retired).Select(c => c.Value).Take(2).ToList();
        // Three activities: two names in one format, the second name again in another format.
        foreach (var (name, format, day) in new[] { ("Stand A", formats[0], 1), ("Stand B", formats[0], 2), ("Stand B", formats[1], 3) })
        {
            aggregator.AddActivity(new ActivityFacts($"hash-{day}", "21004", "1020", name, format, "O", 10 * day, "2026.1"));
        }
        using var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, aggregator, DateTimeOffset.UnixEpoch, Threshold), output);

        var summary = WorkbookReader.ReadSheet(output, "Summary");
        var row = summary.Single(r => r.Count > 1 && r[0] is string label && label.StartsWith("Distinct activities", StringComparison.Ordinal));
        Assert.Equal("Distinct activities (name and format)", row[0]);
        Assert.Equal(3.0, row[1]);
    }

    [Fact]
    public void LongNotesWrapWithinTheSheetsTablesAndTheirRowsAreAsHighAsTheirLines()
    {
        using var output = MonthWorkbook(ReportLanguage.Fr, 60);

        using var document = SpreadsheetDocument.Open(output, false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        string TextOf(DocumentFormat.OpenXml.Spreadsheet.Cell cell) =>
            cell.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
            : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
        static string Letters(int column) => column <= 26 ? ((char)('A' + column - 1)).ToString() : Letters((column - 1) / 26) + (char)('A' + (column - 1) % 26);
        var checkedNotes = 0;
        foreach (var part in workbook.WorksheetParts)
        {
            var worksheet = part.Worksheet;
            var columns = worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.Columns>();
            if (columns is null)
            {
                continue;
            }
            // The visible columns (a chart's bar labels stand in a hidden one).
            var visible = columns.Elements<DocumentFormat.OpenXml.Spreadsheet.Column>().Where(c => c.Hidden?.Value != true).ToList();
            var width = visible.Sum(c => c.Width!.Value);
            var lastColumn = visible.Max(c => c.Max!.Value);
            var merges = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.MergeCell>().Select(m => m.Reference!.Value).ToHashSet();
            var firstTableRow = part.TableDefinitionParts.Min(t => int.Parse(new string([.. t.Table!.Reference!.Value!.Split(':')[0].SkipWhile(char.IsLetter)]), CultureInfo.InvariantCulture));
            foreach (var row in worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Where(r => r.RowIndex!.Value > 1 && r.RowIndex.Value < firstTableRow))
            {
                var cell = row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().FirstOrDefault(c => c.CellReference!.Value == $"A{row.RowIndex!.Value}");
                if (cell is null)
                {
                    continue;
                }
                var text = TextOf(cell);
                Assert.True(formats[(int)cell.StyleIndex!.Value].Alignment?.WrapText?.Value == true, $"A{row.RowIndex} does not wrap");
                if (lastColumn > 1)
                {
                    Assert.Contains($"A{row.RowIndex}:{Letters((int)lastColumn)}{row.RowIndex}", merges);
                }
                // At least one line of 15 points for every width's worth of characters.
                Assert.True(row.Height!.Value >= 15 * Math.Ceiling(text.Length / width), $"A{row.RowIndex}: {row.Height.Value} pt for {text.Length} characters in {width}");
                checkedNotes++;
            }
        }
        Assert.True(checkedNotes >= 17, $"{checkedNotes} notes checked");
    }

    [Fact]
    public void TheReportWorkbookIsValidOpenXmlWithChartsAndTables()
    {
        var (_, _, workbook) = Report(200);

        using var document = SpreadsheetDocument.Open(workbook, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();

        Assert.Empty(errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        Assert.Equal(12, document.WorkbookPart!.WorksheetParts.Count(w => w.DrawingsPart?.ChartParts.Any() == true));
        Assert.True(document.WorkbookPart.WorksheetParts.Sum(w => w.TableDefinitionParts.Count()) >= 16);
    }

    [Fact]
    public async Task LibreOfficeReadsTheReportsTotalsAndCrossedTable()
    {
        var (_, facts, workbook) = Report(300);
        var folder = Directory.CreateTempSubdirectory("reporting-report-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.xlsx");
            await File.WriteAllBytesAsync(path, workbook.ToArray());

            var sheets = await LibreOffice.ReadSheetsAsync(path, WorkbookReader.SheetNames(workbook), TimeSpan.FromMinutes(2));

            var summary = sheets["Summary"];
            Assert.Equal("300", summary.Single(r => r.Count > 1 && r[0] == "Individual interventions")[1]);
            var cross = sheets["Municipality × theme"];
            var header = cross.First(r => r.Count > 1 && r[0] == "Code" && r[1] == "Label");
            var k = header.ToList().IndexOf("K");
            var schaarbeek = cross.First(r => r.Count > k && r[0] == "21015");
            Assert.Equal(facts.Count(f => f.Municipality == "21015" && Mentions(f.Themes, "K")).ToString(CultureInfo.InvariantCulture), schaarbeek[k]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
