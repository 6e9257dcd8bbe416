using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Workbooks;

/// <summary>Text and reference helpers for the workbook parts.</summary>
internal static partial class XlsxText
{
    /// <summary>The most characters a cell holds.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>
    /// The text as it can be stored in a cell: characters XML 1.0 cannot carry are dropped, "_xHHHH_" sequences
    /// (which Excel reads as escaped characters) are escaped themselves, and the text is cut at the cell limit.
    /// </summary>
    public static string ForCell(string text)
    {
        var clean = StripInvalidXml(text);
        if (clean.Length > MaxCellLength)
        {
            clean = clean[..MaxCellLength];
            if (char.IsHighSurrogate(clean[^1]))
            {
                clean = clean[..^1];
            }
        }
        return EscapeSequence().Replace(clean, "_x005F$0");
    }

    /// <summary>The text without the characters XML 1.0 does not allow (controls other than tab, CR, LF; lone surrogates; U+FFFE/U+FFFF).</summary>
    public static string StripInvalidXml(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsValidAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }
            i += width - 1;
        }
        if (firstBad < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsValidAt(text, i, out var width))
            {
                builder.Append(text, i, width);
                i += width - 1;
            }
        }
        return builder.ToString();
    }

    private static bool IsValidAt(string text, int index, out int width)
    {
        var c = text[index];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                width = 2;
                return true;
            }
            return false;
        }
        if (char.IsLowSurrogate(c))
        {
            return false;
        }
        return c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');
    }

    /// <summary>The column letters of a 1-based column number: 1 → A, 27 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = string.Empty;
        while (column > 0)
        {
            var remainder = (column - 1) % 26;
            name = (char)('A' + remainder) + name;
            column = (column - 1) / 26;
        }
        return name;
    }

    /// <summary>A cell reference such as B7 (1-based row and column).</summary>
    public static string Cell(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>A range reference such as A4:C9.</summary>
    public static string Range(int firstColumn, int firstRow, int lastColumn, int lastRow) =>
        Cell(firstColumn, firstRow) + ":" + Cell(lastColumn, lastRow);

    /// <summary>An absolute reference to a range of a sheet for formulas and chart series: 'Sheet name'!$A$4:$A$9.</summary>
    public static string SheetRange(string sheet, int firstColumn, int firstRow, int lastColumn, int lastRow)
    {
        var first = $"${ColumnName(firstColumn)}${firstRow.ToString(CultureInfo.InvariantCulture)}";
        var last = $"${ColumnName(lastColumn)}${lastRow.ToString(CultureInfo.InvariantCulture)}";
        var quoted = "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'";
        return first == last ? $"{quoted}!{first}" : $"{quoted}!{first}:{last}";
    }

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_", RegexOptions.CultureInvariant)]
    private static partial Regex EscapeSequence();
}
