using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reporting.Workbooks;

/// <summary>
/// Writes a <see cref="WorkbookSpec"/> as an .xlsx workbook: one worksheet per sheet, each table a real Excel table
/// (filter, table style, header row frozen on the first one) with its totals row below it, numbers as numbers
/// formatted by their column's kind, and native bar charts right of the tables.
/// </summary>
public static class XlsxWriter
{
    private const double MinWidth = 8;
    private const double MaxWidth = 70;

    /// <summary>Writes the workbook to <paramref name="output"/>, created now.</summary>
    public static void Write(WorkbookSpec spec, Stream output) => Write(spec, output, DateTimeOffset.UtcNow);

    /// <summary>Writes the workbook to <paramref name="output"/> with the given creation time in its properties.</summary>
    /// <exception cref="ArgumentException">The spec cannot be written: no sheet, a chart naming a missing table or column, a value that is neither text nor number, a row longer than its table.</exception>
    public static void Write(WorkbookSpec spec, Stream output, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sheets = XlsxLayout.Plan(spec);
        // The package format needs a stream it can read, write and seek from its start: an empty file or memory
        // stream is written directly, anything else (a response body, a stream with data) gets a buffer's copy.
        if (output is { CanRead: true, CanWrite: true, CanSeek: true } && output.Length == 0)
        {
            WritePackage(spec, sheets, output, created);
            return;
        }
        using var buffer = new MemoryStream();
        WritePackage(spec, sheets, buffer, created);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WritePackage(WorkbookSpec spec, IReadOnlyList<SheetPlan> sheets, Stream stream, DateTimeOffset created)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var properties = document.PackageProperties;
        properties.Title = XlsxText.StripInvalidXml(spec.Title ?? string.Empty);
        properties.Creator = "Reporting";
        properties.Created = created.UtcDateTime;
        properties.Modified = created.UtcDateTime;

        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = XlsxStyles.Create();
        XlsxTheme.Add(workbookPart);

        var strings = new SharedStrings();
        var sheetList = new Sheets();
        for (var i = 0; i < sheets.Count; i++)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(worksheetPart, sheets[i], strings, selected: i == 0, spec.Print);
            sheetList.Append(new Sheet
            {
                Name = sheets[i].Name,
                SheetId = (uint)(i + 1),
                Id = workbookPart.GetIdOfPart(worksheetPart),
            });
        }

        var sharedStrings = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedStrings.SharedStringTable = strings.ToTable();
        workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0U }),
            sheetList);
        if (PrintTitles(sheets) is { } titles)
        {
            workbookPart.Workbook.Append(titles);
        }
    }

    /// <summary>
    /// The header row of each sheet's first table, repeated at the top of every printed page of the sheet (Excel's
    /// "rows to repeat at top"); null when no sheet has a table.
    /// </summary>
    private static DefinedNames? PrintTitles(IReadOnlyList<SheetPlan> sheets)
    {
        var names = new DefinedNames();
        for (var i = 0; i < sheets.Count; i++)
        {
            if (sheets[i].Tables.Count == 0)
            {
                continue;
            }
            var row = sheets[i].Tables[0].HeaderRow.ToString(CultureInfo.InvariantCulture);
            names.Append(new DefinedName($"'{sheets[i].Name.Replace("'", "''", StringComparison.Ordinal)}'!${row}:${row}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = (uint)i,
            });
        }
        return names.HasChildren ? names : null;
    }

    /// <summary>
    /// The printed header and footer: the workbook's header text top left and the sheet's name top right, the page
    /// number in words at the bottom centre. An ampersand is a code in these texts: a literal one is doubled.
    /// </summary>
    private static HeaderFooter? PrintHeaderFooter(PrintSpec? print)
    {
        if (print is null)
        {
            return null;
        }
        static string Literal(string text) => XlsxText.StripInvalidXml(text).Replace("&", "&&", StringComparison.Ordinal);
        var pages = string.Format(CultureInfo.InvariantCulture, Literal(print.PageOfPages), "&P", "&N");
        return new HeaderFooter(
            new OddHeader($"&L{Literal(print.Header)}&R&A"),
            new OddFooter($"&C{pages}"));
    }

    private static void WriteSheet(WorksheetPart worksheetPart, SheetPlan sheet, SharedStrings strings, bool selected, PrintSpec? print)
    {
        var rows = new SheetRows(strings, sheet.LastColumn);

        var title = rows.Add(SheetPlan.TitleRow);
        title.Height = 18.75;
        title.CustomHeight = true;
        rows.Text(title, 1, sheet.Spec.Title ?? string.Empty, XlsxStyles.Title, measure: false);
        var notes = sheet.Spec.Notes ?? [];
        var noteRows = new List<(Row Row, string Text)>();
        for (var i = 0; i < notes.Count; i++)
        {
            var note = rows.Add(SheetPlan.FirstNoteRow + i);
            rows.Text(note, 1, notes[i] ?? string.Empty, XlsxStyles.Note, measure: false);
            noteRows.Add((note, notes[i] ?? string.Empty));
        }

        foreach (var table in sheet.Tables)
        {
            WriteTable(rows, table);
        }
        var charts = sheet.Spec.Charts ?? [];
        var labelColumns = new List<int>();
        for (var i = 0; i < charts.Count; i++)
        {
            if (charts[i].Categories is not { } labels)
            {
                continue;
            }
            var table = sheet.TableFor(charts[i]);
            var column = sheet.ChartLabelColumn(i);
            labelColumns.Add(column);
            for (var r = 0; r < labels.Count; r++)
            {
                rows.Text(rows.At(table.FirstDataRow + r), column, labels[r], XlsxStyles.Default, measure: false);
            }
        }

        var view = new SheetView { WorkbookViewId = 0U, TabSelected = selected ? true : null };
        if (sheet.Tables.Count > 0)
        {
            var first = sheet.Tables[0];
            var topLeft = XlsxText.Cell(1, first.FirstDataRow);
            view.Append(
                new Pane
                {
                    VerticalSplit = first.HeaderRow,
                    TopLeftCell = topLeft,
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }

        var used = XlsxText.Range(1, 1, sheet.LastUsedColumn, sheet.LastRow);
        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetDimension { Reference = used },
            new SheetViews(view),
            new SheetFormatProperties { DefaultRowHeight = 15 });
        if (sheet.Tables.Count > 0)
        {
            var columns = rows.Columns(MinWidth, MaxWidth);
            foreach (var column in labelColumns)
            {
                columns.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)column, Max = (uint)column, Width = 30, CustomWidth = true, Hidden = true });
            }
            worksheet.Append(columns);
        }
        // A note wraps within the width of the sheet's tables (merged across their columns), its row as high as its
        // lines, so that a long note neither runs off the page nor shrinks the printed sheet to fit it.
        var width = sheet.Tables.Count > 0 ? rows.TotalWidth(MinWidth, MaxWidth) : MaxWidth;
        foreach (var (note, text) in noteRows)
        {
            var lines = Math.Max(1, (int)Math.Ceiling(text.Length * 1.1 / width));
            note.Height = 15 * lines;
            note.CustomHeight = true;
        }
        worksheet.Append(rows.Data);
        if (noteRows.Count > 0 && sheet.LastColumn > 1)
        {
            var merged = new MergeCells();
            foreach (var (note, _) in noteRows)
            {
                var index = (int)note.RowIndex!.Value;
                merged.Append(new MergeCell { Reference = XlsxText.Range(1, index, sheet.LastColumn, index) });
            }
            merged.Count = (uint)noteRows.Count;
            worksheet.Append(merged);
        }
        worksheet.Append(
            new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
        if (PrintHeaderFooter(print) is { } headerFooter)
        {
            worksheet.Append(headerFooter);
        }
        worksheet.Append(
            // Codes such as postcodes are text on purpose: no "number stored as text" warnings.
            new IgnoredErrors(new IgnoredError { SequenceOfReferences = new ListValue<StringValue> { InnerText = used }, NumberStoredAsText = true }));

        if (sheet.Spec.Charts is { Count: > 0 })
        {
            worksheet.Append(new Drawing { Id = XlsxChart.AddDrawing(worksheetPart, sheet) });
        }
        if (sheet.Tables.Count > 0)
        {
            var parts = new TableParts { Count = (uint)sheet.Tables.Count };
            foreach (var table in sheet.Tables)
            {
                var tablePart = worksheetPart.AddNewPart<TableDefinitionPart>();
                tablePart.Table = TableDefinition(table);
                parts.Append(new TablePart { Id = worksheetPart.GetIdOfPart(tablePart) });
            }
            worksheet.Append(parts);
        }
        worksheetPart.Worksheet = worksheet;
    }

    private static void WriteTable(SheetRows rows, TablePlan table)
    {
        if (table.CaptionRow is { } captionRow)
        {
            rows.Text(rows.Add(captionRow), 1, table.Spec.Caption!, XlsxStyles.Bold, measure: false);
        }
        var header = rows.Add(table.HeaderRow);
        for (var c = 0; c < table.ColumnCount; c++)
        {
            rows.Header(header, c + 1, table.Headers[c], table.Spec.Columns[c].Kind);
        }
        for (var r = 0; r < table.Spec.Rows.Count; r++)
        {
            var row = rows.Add(table.FirstDataRow + r);
            var values = table.Spec.Rows[r];
            for (var c = 0; c < values.Count; c++)
            {
                rows.Value(row, c + 1, values[c], table.Spec.Columns[c].Kind, total: false);
            }
        }
        if (table.Spec.Rows.Count == 0)
        {
            rows.Add(table.FirstDataRow);
        }
        if (table.TotalsRow is { } totalsRow)
        {
            var row = rows.Add(totalsRow);
            var totals = table.Spec.Totals!;
            for (var c = 0; c < table.ColumnCount; c++)
            {
                rows.Value(row, c + 1, c < totals.Count ? totals[c] : null, table.Spec.Columns[c].Kind, total: true);
            }
        }
    }

    private static Table TableDefinition(TablePlan table)
    {
        var columns = new TableColumns { Count = (uint)table.ColumnCount };
        for (var c = 0; c < table.ColumnCount; c++)
        {
            columns.Append(new TableColumn { Id = (uint)(c + 1), Name = XlsxText.ForCell(table.Headers[c]) });
        }
        return new Table(
            new AutoFilter { Reference = table.Reference },
            columns,
            new TableStyleInfo
            {
                Name = XlsxStyles.TableStyle,
                ShowFirstColumn = false,
                ShowLastColumn = false,
                ShowRowStripes = true,
                ShowColumnStripes = false,
            })
        {
            Id = table.Id,
            Name = table.Name,
            DisplayName = table.Name,
            Reference = table.Reference,
            TotalsRowShown = false,
        };
    }

    /// <summary>The rows of a sheet as they are written, in order, with the width each column needs.</summary>
    private sealed class SheetRows(SharedStrings strings, int columnCount)
    {
        private readonly double[] _widths = new double[columnCount];

        public SheetData Data { get; } = new();

        private readonly Dictionary<int, Row> _byIndex = [];

        public Row Add(int index)
        {
            var row = new Row { RowIndex = (uint)index };
            Data.Append(row);
            _byIndex[index] = row;
            return row;
        }

        /// <summary>A row written already; its new cells go right of its others.</summary>
        public Row At(int index) => _byIndex[index];

        /// <summary>A header cell: bold, right-aligned over numbers.</summary>
        public void Header(Row row, int column, string text, CellKind kind)
        {
            // Bold, and room for the filter button.
            Measure(column, (text.Length * 1.1) + 3);
            row.Append(new Cell
            {
                CellReference = XlsxText.Cell(column, (int)row.RowIndex!.Value),
                DataType = CellValues.SharedString,
                StyleIndex = kind == CellKind.Text ? XlsxStyles.Bold : XlsxStyles.NumberHeader,
                CellValue = new CellValue(strings.Index(XlsxText.ForCell(text)).ToString(CultureInfo.InvariantCulture)),
            });
        }

        public void Text(Row row, int column, string text, uint style, bool measure)
        {
            var clean = XlsxText.ForCell(text);
            var room = MaxWidth - 2;
            if (measure && style == XlsxStyles.Default && LongestLine(text) > room)
            {
                // Longer than the widest column: it wraps in its cell, its row as high as its lines, rather than
                // being cut off by the next cell.
                style = XlsxStyles.Note;
                var lines = text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Length * 1.1 / room)));
                row.Height = Math.Max(row.Height?.Value ?? 15, 15 * lines);
                row.CustomHeight = true;
            }
            var cell = NewCell(row, column, style);
            if (clean.Length > 0)
            {
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(strings.Index(clean).ToString(CultureInfo.InvariantCulture));
                if (measure)
                {
                    Measure(column, LongestLine(text) * (style == XlsxStyles.Default ? 1 : 1.1));
                }
            }
            else if (style == XlsxStyles.Default)
            {
                return;
            }
            row.Append(cell);
        }

        public void Value(Row row, int column, object? value, CellKind kind, bool total)
        {
            var style = XlsxStyles.For(kind, total);
            switch (value)
            {
                case string text:
                    Text(row, column, text, XlsxStyles.ForText(kind, total), measure: true);
                    break;
                case not null when XlsxStyles.IsNumber(value) && double.IsFinite(XlsxStyles.ToDouble(value)):
                    var number = XlsxStyles.ToDouble(value);
                    var cell = NewCell(row, column, style);
                    cell.CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture));
                    row.Append(cell);
                    Measure(column, XlsxStyles.Display(number, kind).Length * (total ? 1.1 : 1));
                    break;
                default:
                    // Empty (or a number Excel cannot hold, NaN or infinite); totals keep their style for the border.
                    if (total)
                    {
                        row.Append(NewCell(row, column, style));
                    }
                    break;
            }
        }

        /// <summary>The width of all columns together, as <see cref="Columns"/> sets them.</summary>
        public double TotalWidth(double min, double max) => _widths.Sum(w => Math.Round(Math.Clamp(w + 2, min, max), 2));

        public Columns Columns(double min, double max)
        {
            var columns = new Columns();
            for (var i = 0; i < _widths.Length; i++)
            {
                var width = Math.Round(Math.Clamp(_widths[i] + 2, min, max), 2);
                columns.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
            }
            return columns;
        }

        private static Cell NewCell(Row row, int column, uint style) => new()
        {
            CellReference = XlsxText.Cell(column, (int)row.RowIndex!.Value),
            StyleIndex = style == XlsxStyles.Default ? null : style,
        };

        private void Measure(int column, double characters)
        {
            if (column <= _widths.Length)
            {
                _widths[column - 1] = Math.Max(_widths[column - 1], characters);
            }
        }

        private static int LongestLine(string text) => text.Split('\n').Max(line => line.TrimEnd('\r').Length);
    }

    /// <summary>The workbook's shared string table, each distinct text once.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private uint _references;

        public int Index(string text)
        {
            _references++;
            if (!_indexes.TryGetValue(text, out var index))
            {
                index = _texts.Count;
                _indexes.Add(text, index);
                _texts.Add(text);
            }
            return index;
        }

        public SharedStringTable ToTable()
        {
            var table = new SharedStringTable { Count = _references, UniqueCount = (uint)_texts.Count };
            foreach (var text in _texts)
            {
                var element = new Text(text);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal)))
                {
                    element.Space = SpaceProcessingModeValues.Preserve;
                }
                table.Append(new SharedStringItem(element));
            }
            return table;
        }
    }
}
