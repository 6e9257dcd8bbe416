using System.Globalization;

namespace Reporting.Tests.Support;

/// <summary>Reading the figures of a report's sheets, as read back by <see cref="WorkbookReader"/>.</summary>
public static class ReportSheets
{
    /// <summary>The number beside an item of the summary sheet (its first two columns).</summary>
    public static double ValueOf(IReadOnlyList<IReadOnlyList<object?>> sheet, string item) =>
        sheet.Where(row => row.Count > 1 && row[0] as string == item).Select(row => Convert.ToDouble(row[1], CultureInfo.InvariantCulture)).Single();

    /// <summary>The text beside an item of the summary sheet.</summary>
    public static string? TextOf(IReadOnlyList<IReadOnlyList<object?>> sheet, string item) =>
        sheet.Where(row => row.Count > 1 && row[0] as string == item).Select(row => row[1] as string).Single();

    /// <summary>The cells of a crossed table by (row code, column header), up to its Records column.</summary>
    public static Dictionary<(string Row, string Column), double> Table(IReadOnlyList<IReadOnlyList<object?>> sheet)
    {
        var header = sheet.First(row => row.Count > 2 && row[0] as string == "Code" && row[1] as string == "Label");
        var headerIndex = sheet.ToList().IndexOf(header);
        var cells = new Dictionary<(string, string), double>();
        foreach (var row in sheet.Skip(headerIndex + 1).TakeWhile(r => r.Count > 0 && r[0] is string))
        {
            for (var c = 2; c < header.Count && header[c] is string name && name != "Records"; c++)
            {
                cells[((string)row[0]!, (string)header[c]!)] = Convert.ToDouble(row[c], CultureInfo.InvariantCulture);
            }
        }
        return cells;
    }
}
