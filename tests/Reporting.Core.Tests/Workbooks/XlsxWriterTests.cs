using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Reporting.Workbooks;
using Reporting.Tests.Support;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Column = Reporting.Workbooks.Column;

namespace Reporting.Core.Tests.Workbooks;

public sealed class XlsxWriterTests
{
    private static readonly string[] SheetNames = ["Summary", "Themes distribution 2022", "Municipality × theme", "Activities"];

    /// <summary>Table name in the workbook, its sheet and its range, for each table of the sample.</summary>
    private static readonly (string Table, string Sheet, string Range)[] Tables =
    [
        ("Summary", "Summary", "A5:B11"),
        ("Programmes", "Summary", "A14:C18"),
        ("Themes_distribution", "Themes distribution 2022", "A5:C10"),
        ("Crossed", "Municipality × theme", "A3:AA23"),
        ("Formats", "Activities", "A5:C9"),
    ];

    private static readonly TableSpec[] SpecTables = [.. SampleWorkbook.Create().Sheets.SelectMany(s => s.Tables)];

    [Fact]
    public void TheWorkbookIsValidOpenXml()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void SheetsComeInTheSpecsOrderWithNamesExcelAccepts()
    {
        using var stream = SampleWorkbook.Write();

        Assert.Equal(SheetNames, WorkbookReader.SheetNames(stream));
    }

    [Fact]
    public void SheetNamesAreShortenedCleanedAndMadeUnique()
    {
        var table = new TableSpec("T", null, [new Column("A", CellKind.Text)], [["x"]]);
        var spec = new WorkbookSpec("Names",
        [
            new SheetSpec("Entries by neighbourhood and by theme, 2022", "t", [], [table]),
            new SheetSpec("Entries by neighbourhood and by theme, 2023", "t", [], []),
            new SheetSpec("'[Quoted]'", "t", [], []),
            new SheetSpec("summary", "t", [], []),
            new SheetSpec("SUMMARY", "t", [], []),
            new SheetSpec("", "t", [], []),
            new SheetSpec("History", "t", [], []),
        ]);
        using var stream = SampleWorkbook.Write(spec);

        var names = WorkbookReader.SheetNames(stream);

        Assert.Equal(
            ["Entries by neighbourhood and by", "Entries by neighbourhood an (2)", "Quoted", "summary", "SUMMARY (2)", "Sheet6", "History 1"],
            names);
        Assert.All(names, n => Assert.InRange(n.Length, 1, 31));
    }

    [Fact]
    public void TheTitleInLargeBoldLeadsTheSheetWithTheNotesUnderItThenABlankRow()
    {
        using var stream = SampleWorkbook.Write();
        var sheet = WorkbookReader.ReadSheet(stream, "Summary");

        Assert.Equal("Outreach work 2022 – summary", sheet.At("A1"));
        Assert.Equal("Period: 1 January 2022 to 31 December 2022.", sheet.At("A2"));
        Assert.Equal("Source: field records of the four programmes.", sheet.At("A3"));
        Assert.All(sheet[3], Assert.Null);
        Assert.Equal("Indicator", sheet.At("A5"));

        using var document = SpreadsheetDocument.Open(stream, false);
        var title = FontOf(document, "Summary", "A1");
        Assert.NotNull(title.Bold);
        Assert.Equal(14, title.FontSize!.Val!.Value);
        Assert.Null(FontOf(document, "Summary", "A2").Bold);
    }

    [Fact]
    public void CaptionsStandBoldAboveTheirTablesAfterABlankRow()
    {
        using var stream = SampleWorkbook.Write();
        var sheet = WorkbookReader.ReadSheet(stream, "Summary");

        Assert.All(sheet[11], Assert.Null);
        Assert.Equal("Entries per programme", sheet.At("A13"));
        Assert.Equal("Programme", sheet.At("A14"));

        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.NotNull(FontOf(document, "Summary", "A13").Bold);
    }

    [Fact]
    public void CellsHoldTheSpecsValuesWithNumbersAsNumbers()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        foreach (var (name, sheetName, range) in Tables)
        {
            var spec = SpecTable(name);
            var sheet = WorkbookReader.ReadSheet(stream, sheetName);
            var (headerRow, _) = WorkbookReader.Position(range.Split(':')[0]);
            var cells = CellsOf(document, sheetName);

            Assert.Equal(spec.Columns.Select(c => (object?)c.Header), sheet[headerRow].Take(spec.Columns.Count));
            for (var r = 0; r < spec.Rows.Count; r++)
            {
                for (var c = 0; c < spec.Columns.Count; c++)
                {
                    var expected = c < spec.Rows[r].Count ? spec.Rows[r][c] : null;
                    var row = headerRow + 1 + r;
                    AssertCell(expected, sheet[row][c], cells.GetValueOrDefault((row, c)), $"{sheetName} row {row + 1} column {c + 1}");
                }
            }
        }
    }

    [Fact]
    public void CountsAndSharesCarryTheirNumberFormatsAndTextColumnsStayGeneral()
    {
        using var stream = SampleWorkbook.Write();

        Assert.Equal("#,##0", WorkbookReader.NumberFormat(stream, "Themes distribution 2022", "B6"));
        Assert.Equal("0.0%", WorkbookReader.NumberFormat(stream, "Themes distribution 2022", "C6"));
        Assert.Equal("#,##0", WorkbookReader.NumberFormat(stream, "Themes distribution 2022", "B11"));
        Assert.Equal("0.0%", WorkbookReader.NumberFormat(stream, "Themes distribution 2022", "C11"));
        Assert.Equal("#,##0", WorkbookReader.NumberFormat(stream, "Municipality × theme", "AA23"));
        Assert.Equal("General", WorkbookReader.NumberFormat(stream, "Summary", "B6"));
        Assert.Equal("General", WorkbookReader.NumberFormat(stream, "Summary", "B8"));
    }

    [Fact]
    public void TextInACountColumnIsRightAlignedLikeTheNumbersAroundIt()
    {
        var spec = new WorkbookSpec("Aligned",
        [
            new SheetSpec("Counts", "t", [], [new TableSpec("T", null, [new Column("Name", CellKind.Text), new Column("N", CellKind.Count)],
                [["a", "<5"], ["b", 7]], ["Total", "<5"])]),
        ]);
        using var stream = new MemoryStream();
        XlsxWriter.Write(spec, stream);
        var sheet = WorkbookReader.ReadSheet(stream, "Counts");
        var markers = sheet.SelectMany((row, r) => row.Select((value, c) => (value, r, c))).Where(x => "<5".Equals(x.value)).ToList();

        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = CellsOf(document, "Counts");
        HorizontalAlignmentValues? Alignment(int row, int column) =>
            document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
                .ElementAt((int)(cells[(row, column)].StyleIndex?.Value ?? 0)).Alignment?.Horizontal?.Value;

        Assert.Equal(2, markers.Count);
        Assert.All(markers, m => Assert.Equal(HorizontalAlignmentValues.Right, Alignment(m.r, m.c)));
        Assert.Null(Alignment(markers[0].r, 0));
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
    }

    [Fact]
    public void EachTableIsAnExcelTableWithItsRangeFilterStyleAndHeaderTexts()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        var found = new List<Table>();
        foreach (var sheetName in SheetNames)
        {
            var part = WorksheetOf(document, sheetName);
            var tables = part.TableDefinitionParts.Select(p => p.Table).ToList();
            Assert.Equal(Tables.Count(t => t.Sheet == sheetName), tables.Count);
            Assert.Equal(tables.Count, part.Worksheet.GetFirstChild<TableParts>()?.Elements<TablePart>().Count() ?? 0);
            var sheet = WorkbookReader.ReadSheet(stream, sheetName);
            foreach (var table in tables)
            {
                var (name, _, range) = Tables.Single(t => t.Table == table.Name);
                Assert.Equal(name, table.DisplayName);
                Assert.Equal(range, table.Reference);
                Assert.Equal(range, table.AutoFilter?.Reference);
                Assert.StartsWith("TableStyleMedium", table.TableStyleInfo?.Name?.Value, StringComparison.Ordinal);
                var (headerRow, _) = WorkbookReader.Position(range.Split(':')[0]);
                var columns = table.TableColumns!.Elements<TableColumn>().ToList();
                Assert.Equal(columns.Count, (int)table.TableColumns.Count!.Value);
                Assert.Equal(columns.Select(c => (object?)c.Name!.Value), sheet[headerRow].Take(columns.Count));
                Assert.Equal(Enumerable.Range(1, columns.Count).Select(i => (uint)i), columns.Select(c => c.Id!.Value));
                Assert.NotNull(FontOf(document, sheetName, range.Split(':')[0]).Bold);
                found.Add(table);
            }
        }
        Assert.Equal(Tables.Length, found.Count);
        Assert.Equal(found.Count, found.Select(t => t.Id!.Value).Distinct().Count());
        Assert.Equal(found.Count, found.Select(t => t.Name!.Value!.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void DuplicateOrEmptyHeadersBecomeUniqueColumnNames()
    {
        var spec = new WorkbookSpec("Headers",
        [
            new SheetSpec("Sheet", "Headers", [],
            [
                new TableSpec(
                    "1st table!",
                    null,
                    [new Column("Count", CellKind.Count), new Column("count", CellKind.Count), new Column(" ", CellKind.Text), new Column("Count 2", CellKind.Text)],
                    [[1, 2, "x", "y"]]),
                new TableSpec("A1", null, [new Column("Name", CellKind.Text)], [["x"]]),
            ]),
        ]);
        using var stream = SampleWorkbook.Write(spec);
        using var document = SpreadsheetDocument.Open(stream, false);

        var tables = WorksheetOf(document, "Sheet").TableDefinitionParts.Select(p => p.Table).OrderBy(t => t.Id!.Value).ToList();
        Assert.Equal(["Table_1st_table", "Table_A1"], tables.Select(t => t.Name!.Value));
        Assert.Equal(["Count", "count 2", "Column3", "Count 2 2"], tables[0].TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value));
        Assert.Equal<object?>(["Count", "count 2", "Column3", "Count 2 2"], WorkbookReader.ReadSheet(stream, "Sheet")[2]);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
    }

    [Fact]
    public void TheFirstTablesHeaderRowIsFrozen()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        var pane = WorksheetOf(document, "Summary").Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(5, pane.VerticalSplit!.Value);
        Assert.Null(pane.HorizontalSplit);
        Assert.Equal("A6", pane.TopLeftCell!.Value);

        var crossed = WorksheetOf(document, "Municipality × theme").Worksheet.Descendants<Pane>().Single();
        Assert.Equal(3, crossed.VerticalSplit!.Value);
    }

    [Fact]
    public void TotalsSitBoldDirectlyBelowTheTableOutsideItsRange()
    {
        using var stream = SampleWorkbook.Write();
        var spec = SpecTable("Themes distribution");
        var sheet = WorkbookReader.ReadSheet(stream, "Themes distribution 2022");

        // The table ends on row 10; the totals are row 11.
        Assert.Equal<object?>(["Total", (double)(int)spec.Totals![1]!, 1.0], sheet[10]);
        Assert.Equal(11, sheet.Count);

        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.NotNull(FontOf(document, "Themes distribution 2022", "A11").Bold);
        Assert.NotNull(FontOf(document, "Themes distribution 2022", "B11").Bold);
        Assert.Equal("A5:C10", WorksheetOf(document, "Themes distribution 2022").TableDefinitionParts.Single().Table.Reference);

        var crossed = WorkbookReader.ReadSheet(stream, "Municipality × theme");
        var crossedSpec = SpecTable("Crossed");
        Assert.Equal(crossedSpec.Totals!.Select(v => v is int i ? (object)(double)i : v), crossed[23]);
    }

    [Fact]
    public void ColumnWidthsFitTheirContentWithinBounds()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        var widths = WorksheetOf(document, "Summary").Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>()
            .ToDictionary(c => c.Min!.Value, c => c.Width!.Value);
        Assert.Equal([1U, 2U, 3U], widths.Keys.Order());
        Assert.All(widths.Values, w => Assert.InRange(w, 8, 60));
        Assert.True(widths[1] >= "Participants per activity".Length, $"column A is {widths[1]} wide");
        Assert.True(widths[1] < "Outreach work 2022 – summary".Length + 10, "the title is not measured");
        Assert.True(widths[3] >= "Share".Length + 3, "the share column fits its header and filter button");

        var crossed = WorksheetOf(document, "Municipality × theme").Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().ToList();
        Assert.Equal(27, crossed.Count);
    }

    [Fact]
    public void EachChartIsANativeBarChartOfItsTablesRowsWithCachedValues()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        var worksheet = WorksheetOf(document, "Activities");
        var charts = worksheet.DrawingsPart!.ChartParts.ToList();
        Assert.Equal(2, charts.Count);
        Assert.NotNull(worksheet.Worksheet.GetFirstChild<Drawing>());
        Assert.All(SheetNames.Where(n => n != "Activities"), n => Assert.Null(WorksheetOf(document, n).DrawingsPart));

        var byTitle = charts.ToDictionary(c => c.ChartSpace.Descendants<C.Title>().Single().InnerText);
        var activities = byTitle["Activities by format"].ChartSpace;
        var bar = activities.Descendants<C.BarChart>().Single();
        Assert.Equal(C.BarGroupingValues.Clustered, bar.GetFirstChild<C.BarGrouping>()!.Val!.Value);
        var series = bar.Elements<C.BarChartSeries>().Single();
        Assert.Equal("'Activities'!$A$6:$A$9", series.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal("'Activities'!$B$6:$B$9", series.GetFirstChild<C.Values>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal(["Market stand", "Information session", "Workshop", "Walk"],
            series.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.InnerText));
        Assert.Equal(["20", "15", "10", "5"], series.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().Select(p => p.InnerText));
        Assert.Equal("Activities", series.GetFirstChild<C.SeriesText>()!.Descendants<C.StringPoint>().Single().InnerText);

        var share = byTitle["Share of activities"].ChartSpace.Descendants<C.BarChartSeries>().Single();
        Assert.Equal("'Activities'!$C$6:$C$9", share.GetFirstChild<C.Values>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal("0.0%", share.GetFirstChild<C.Values>()!.Descendants<C.FormatCode>().Single().Text);

        // Right of the tables (three columns, one left free), stacked.
        var anchors = worksheet.DrawingsPart.WorksheetDrawing.Elements<DocumentFormat.OpenXml.Drawing.Spreadsheet.TwoCellAnchor>().ToList();
        Assert.All(anchors, a => Assert.Equal("4", a.FromMarker!.ColumnId!.Text));
        Assert.True(int.Parse(anchors[1].FromMarker!.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture)
            > int.Parse(anchors[0].ToMarker!.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AChartOfATableTheSheetDoesNotHaveIsRefused()
    {
        var spec = new WorkbookSpec("Bad chart",
        [
            new SheetSpec("Sheet", "t", [], [new TableSpec("T", null, [new Column("A", CellKind.Text)], [["x"]])], [new ChartSpec("c", "Other", 0, 0)]),
        ]);

        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(spec, new MemoryStream()));
    }

    [Fact]
    public void TheWorkbookCarriesItsTitleAndCreationTime()
    {
        using var stream = SampleWorkbook.Write();
        using var document = SpreadsheetDocument.Open(stream, false);

        Assert.Equal("Outreach report 2022", document.PackageProperties.Title);
        Assert.Equal(new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc), document.PackageProperties.Created!.Value.ToUniversalTime());
    }

    [Fact]
    public void TextIsStrippedOfCharactersXmlCannotCarryAndKeptOtherwise()
    {
        var spec = new WorkbookSpec("Text",
        [
            new SheetSpec("Text", "Bell\a title", ["  leading spaces kept"], [
                new TableSpec("T", null, [new Column("Text", CellKind.Text)], [["a\u0001b\uFFFEc"], ["_x0041_"], ["Zoë 😀"], [""]]),
            ]),
        ]);
        using var stream = SampleWorkbook.Write(spec);
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));

        var sheet = WorkbookReader.ReadSheet(stream, "Text");
        Assert.Equal("Bell title", sheet.At("A1"));
        Assert.Equal("  leading spaces kept", sheet.At("A2"));
        Assert.Equal("abc", sheet.At("A5"));
        Assert.Equal("_x0041_", sheet.At("A6"));
        Assert.Equal("Zoë 😀", sheet.At("A7"));
        Assert.Null(sheet.At("A8"));
    }

    [Fact]
    public void AStreamThatCannotSeekGetsTheSameWorkbook()
    {
        using var target = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(target))
        {
            XlsxWriter.Write(SampleWorkbook.Create(), forwardOnly);
        }

        Assert.Equal(SheetNames, WorkbookReader.SheetNames(target));
        Assert.Equal(1234.0, WorkbookReader.ReadSheet(target, "Summary").At("B6"));
    }

    [Fact]
    public void ATableWithoutRowsKeepsOneEmptyRowAsExcelDoes()
    {
        var spec = new WorkbookSpec("Empty",
        [
            new SheetSpec("Empty", "Nothing yet", [], [new TableSpec("Nothing", null, [new Column("A", CellKind.Text), new Column("N", CellKind.Count)], [], [null, 0])]),
        ]);
        using var stream = SampleWorkbook.Write(spec);
        using var document = SpreadsheetDocument.Open(stream, false);

        Assert.Equal("A3:B4", WorksheetOf(document, "Empty").TableDefinitionParts.Single().Table.Reference);
        Assert.Equal(0.0, WorkbookReader.ReadSheet(stream, "Empty").At("B5"));
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
    }

    private static TableSpec SpecTable(string name) => SpecTables.Single(t => t.Name == name || t.Name.Replace(' ', '_') == name);

    private static void AssertCell(object? expected, object? read, Cell? cell, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(read is null, $"{where}: expected empty, read {read}");
                break;
            case string text:
                Assert.Equal(text, read);
                break;
            default:
                Assert.True(cell?.DataType is null || cell.DataType.Value == CellValues.Number, $"{where}: a number written as {cell?.DataType?.Value}");
                Assert.Equal(Convert.ToDouble(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<double>(read));
                break;
        }
    }

    private static WorksheetPart WorksheetOf(SpreadsheetDocument document, string sheetName)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
    }

    private static Dictionary<(int Row, int Column), Cell> CellsOf(SpreadsheetDocument document, string sheetName) =>
        WorksheetOf(document, sheetName).Worksheet.Descendants<Cell>().ToDictionary(c => WorkbookReader.Position(c.CellReference!.Value!));

    private static Font FontOf(SpreadsheetDocument document, string sheetName, string reference)
    {
        var cell = WorksheetOf(document, sheetName).Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        return stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
    }

    /// <summary>A write-only stream that cannot seek, like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
