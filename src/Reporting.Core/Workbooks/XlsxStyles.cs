using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Reporting.Workbooks;

/// <summary>The stylesheet of the workbook and the indexes of its cell formats.</summary>
internal static class XlsxStyles
{
    /// <summary>Built-in number format "#,##0".</summary>
    public const uint CountFormatId = 3;

    /// <summary>The custom number format "0.0%" (custom ids start at 164).</summary>
    public const uint ShareFormatId = 164;

    public const string CountFormat = "#,##0";
    public const string ShareFormat = "0.0%";
    public const string TableStyle = "TableStyleMedium2";

    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Bold = 2;
    public const uint Count = 3;
    public const uint Share = 4;
    public const uint TotalText = 5;
    public const uint TotalCount = 6;
    public const uint TotalShare = 7;
    public const uint NumberHeader = 8;
    public const uint NumberText = 9;
    public const uint TotalNumberText = 10;
    public const uint Note = 11;

    /// <summary>The cell format of a text in a column of the given kind: right-aligned under numbers ("&lt;5" in a count column).</summary>
    public static uint ForText(CellKind kind, bool total) => (kind, total) switch
    {
        (CellKind.Text, false) => Default,
        (CellKind.Text, true) => TotalText,
        (_, false) => NumberText,
        (_, true) => TotalNumberText,
    };

    /// <summary>The cell format of a value of a column of the given kind, in a data row or in the totals row.</summary>
    public static uint For(CellKind kind, bool total) => (kind, total) switch
    {
        (CellKind.Count, false) => Count,
        (CellKind.Share, false) => Share,
        (CellKind.Count, true) => TotalCount,
        (CellKind.Share, true) => TotalShare,
        (_, true) => TotalText,
        _ => Default,
    };

    public static Stylesheet Create()
    {
        static Font Font(double size, bool bold)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }
            font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
            return font;
        }

        static CellFormat Format(uint font = 0, uint numberFormat = 0, uint border = 0) => new()
        {
            FontId = font,
            FillId = 0U,
            BorderId = border,
            NumberFormatId = numberFormat,
            FormatId = 0U,
            ApplyFont = font != 0 ? true : null,
            ApplyNumberFormat = numberFormat != 0 ? true : null,
            ApplyBorder = border != 0 ? true : null,
        };

        static CellFormat RightAligned(CellFormat format)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { Horizontal = HorizontalAlignmentValues.Right });
            return format;
        }

        static CellFormat Wrapped(CellFormat format)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
            return format;
        }

        // The indexes below must follow the constants above.
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = ShareFormatId, FormatCode = ShareFormat }) { Count = 1U },
            new Fonts(Font(11, bold: false), Font(11, bold: true), Font(14, bold: true)) { Count = 3U },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder(),
                    new RightBorder(),
                    new TopBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                    new BottomBorder(),
                    new DiagonalBorder())) { Count = 2U },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            new CellFormats(
                Format(),
                Format(font: 2),
                Format(font: 1),
                Format(numberFormat: CountFormatId),
                Format(numberFormat: ShareFormatId),
                Format(font: 1, border: 1),
                Format(font: 1, numberFormat: CountFormatId, border: 1),
                Format(font: 1, numberFormat: ShareFormatId, border: 1),
                RightAligned(Format(font: 1)),
                RightAligned(Format()),
                RightAligned(Format(font: 1, border: 1)),
                Wrapped(Format())) { Count = 12U },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U },
            new DifferentialFormats { Count = 0U },
            new TableStyles { Count = 0U, DefaultTableStyle = TableStyle, DefaultPivotStyle = "PivotStyleLight16" });
    }

    /// <summary>Whether a value may go into a cell as a number.</summary>
    public static bool IsNumber(object value) =>
        value is int or long or double or float or decimal or short or byte or sbyte or ushort or uint or ulong;

    public static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>How a number shows in a column of the given kind, to estimate the column width.</summary>
    public static string Display(double value, CellKind kind) => kind switch
    {
        CellKind.Count => value.ToString(CountFormat, CultureInfo.InvariantCulture),
        CellKind.Share => value.ToString(ShareFormat, CultureInfo.InvariantCulture),
        _ => value.ToString("G10", CultureInfo.InvariantCulture),
    };
}
