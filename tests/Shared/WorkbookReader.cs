using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reporting.Tests.Support;

/// <summary>
/// Reads .xlsx workbooks back with the Open XML SDK, as values by cell position: text as <c>string</c>, numbers as
/// <c>double</c>, booleans as <c>bool</c>, empty cells as <c>null</c>. The stream is read from its start and left open.
/// </summary>
public static partial class WorkbookReader
{
    /// <summary>The sheet names in workbook order.</summary>
    public static IReadOnlyList<string> SheetNames(Stream xlsx)
    {
        using var document = Open(xlsx);
        return document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
    }

    /// <summary>
    /// The values of a sheet: <c>sheet[row][column]</c>, both 0-based (A1 is <c>[0][0]</c>); every row is as long as
    /// the widest row of the sheet, missing cells are <c>null</c>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<object?>> ReadSheet(Stream xlsx, string sheetName)
    {
        using var document = Open(xlsx);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(TextOf).ToList() ?? [];
        var cells = new Dictionary<(int Row, int Column), object?>();
        foreach (var cell in Worksheet(document, sheetName).Descendants<Cell>())
        {
            cells[Position(cell.CellReference!.Value!)] = ValueOf(cell, strings);
        }
        var rows = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Row) + 1;
        var columns = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Column) + 1;
        var sheet = new List<IReadOnlyList<object?>>(rows);
        for (var r = 0; r < rows; r++)
        {
            var row = new object?[columns];
            for (var c = 0; c < columns; c++)
            {
                row[c] = cells.GetValueOrDefault((r, c));
            }
            sheet.Add(row);
        }
        return sheet;
    }

    /// <summary>Every sheet by name, in workbook order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<object?>> Cells)> ReadAll(Stream xlsx) =>
        SheetNames(xlsx).Select(name => (name, ReadSheet(xlsx, name))).ToList();

    /// <summary>The value at a reference such as "B7" of a sheet read by <see cref="ReadSheet"/>, null outside it.</summary>
    public static object? At(this IReadOnlyList<IReadOnlyList<object?>> sheet, string reference)
    {
        var (row, column) = Position(reference);
        return row < sheet.Count && column < sheet[row].Count ? sheet[row][column] : null;
    }

    /// <summary>The number format code of a cell ("General" when it has none), built-in formats included.</summary>
    public static string NumberFormat(Stream xlsx, string sheetName, string reference)
    {
        using var document = Open(xlsx);
        var cell = Worksheet(document, sheetName).Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell?.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? BuiltInFormats.GetValueOrDefault(id, "builtin:" + id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>0-based (row, column) of a reference such as "AA12".</summary>
    public static (int Row, int Column) Position(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        return (int.Parse(reference[i..], CultureInfo.InvariantCulture) - 1, column - 1);
    }

    private static readonly Dictionary<uint, string> BuiltInFormats = new()
    {
        [0] = "General",
        [1] = "0",
        [2] = "0.00",
        [3] = "#,##0",
        [4] = "#,##0.00",
        [9] = "0%",
        [10] = "0.00%",
        [11] = "0.00E+00",
        [14] = "m/d/yyyy",
        [49] = "@",
    };

    private static SpreadsheetDocument Open(Stream xlsx)
    {
        xlsx.Position = 0;
        return SpreadsheetDocument.Open(xlsx, isEditable: false);
    }

    private static Worksheet Worksheet(SpreadsheetDocument document, string sheetName)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
            ?? throw new ArgumentException($"No sheet \"{sheetName}\" in the workbook.", nameof(sheetName));
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;
    }

    private static object? ValueOf(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is null ? null : TextOf(cell.InlineString);
        }
        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }
        if (type == CellValues.SharedString)
        {
            return strings[int.Parse(raw, CultureInfo.InvariantCulture)];
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1";
        }
        if (type is null || type == CellValues.Number)
        {
            return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return raw; // str (formula text), e (error), d (ISO date)
    }

    /// <summary>The text of a string item: its plain text or its runs, phonetic hints left out, _xHHHH_ escapes decoded.</summary>
    private static string TextOf(DocumentFormat.OpenXml.OpenXmlElement item)
    {
        var text = item.GetFirstChild<Text>() is { } plain
            ? plain.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? string.Empty));
        return Escaped().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
