using System.Globalization;
using Reporting.Workbooks;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Workbooks;

/// <summary>The written workbook opened by LibreOffice (headless, to CSV): what a funder without Excel sees.</summary>
public sealed class LibreOfficeTests
{
    [Fact]
    public async Task LibreOfficeReadsTheSpecsValuesOnEverySheet()
    {
        var spec = SampleWorkbook.Create();
        var folder = Directory.CreateTempSubdirectory("reporting-xlsx-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.xlsx");
            await using (var file = File.Create(path))
            {
                XlsxWriter.Write(spec, file);
            }
            using var written = new MemoryStream(await File.ReadAllBytesAsync(path));
            var names = WorkbookReader.SheetNames(written);

            var sheets = await LibreOffice.ReadSheetsAsync(path, names, TimeSpan.FromMinutes(2));

            Assert.Equal(spec.Sheets.Count, sheets.Count);
            for (var s = 0; s < spec.Sheets.Count; s++)
            {
                var sheet = sheets[names[s]];
                Assert.Equal(spec.Sheets[s].Title, Text(sheet, 0, 0));
                var row = 0;
                foreach (var table in spec.Sheets[s].Tables)
                {
                    row = HeaderRow(sheet, table, from: row, names[s]);
                    for (var r = 0; r < table.Rows.Count; r++)
                    {
                        AssertRow(sheet, ++row, table, table.Rows[r], names[s]);
                    }
                    if (table.Totals is not null)
                    {
                        AssertRow(sheet, ++row, table, table.Totals, names[s]);
                    }
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The first row at or after <paramref name="from"/> holding the table's headers.</summary>
    private static int HeaderRow(IReadOnlyList<IReadOnlyList<string>> sheet, TableSpec table, int from, string sheetName)
    {
        for (var row = from; row < sheet.Count; row++)
        {
            if (table.Columns.Select((column, c) => Text(sheet, row, c) == column.Header).All(same => same))
            {
                return row;
            }
        }
        throw new Xunit.Sdk.XunitException($"LibreOffice shows no header row of table {table.Name} on sheet {sheetName}.");
    }

    private static void AssertRow(IReadOnlyList<IReadOnlyList<string>> sheet, int row, TableSpec table, IReadOnlyList<object?> values, string sheetName)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var expected = c < values.Count ? values[c] : null;
            var read = Text(sheet, row, c);
            var where = $"{sheetName} row {row + 1} column {c + 1}";
            switch (expected)
            {
                case null:
                    Assert.True(read.Length == 0, $"{where}: expected empty, LibreOffice shows \"{read}\"");
                    break;
                case string text:
                    Assert.Equal(text, read);
                    break;
                default:
                    var number = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
                    var (value, tolerance) = ParseNumber(read, where);
                    Assert.True(Math.Abs(value - number) <= tolerance, $"{where}: expected {number}, LibreOffice shows \"{read}\"");
                    break;
            }
        }
    }

    /// <summary>
    /// A number as LibreOffice exports it: a plain value (0.25), or as shown (25.0%, 1,234); the tolerance is half
    /// a unit of the last digit shown.
    /// </summary>
    private static (double Value, double Tolerance) ParseNumber(string text, string where)
    {
        var percent = text.EndsWith('%');
        var digits = text.TrimEnd('%').Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        Assert.True(double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"{where}: \"{text}\" is not a number");
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 || digits.Contains('E', StringComparison.OrdinalIgnoreCase) ? 0 : digits.Length - point - 1;
        var scale = percent ? 100 : 1;
        return (value / scale, Math.Max(0.5 * Math.Pow(10, -decimals) / scale, 1e-12));
    }

    private static string Text(IReadOnlyList<IReadOnlyList<string>> sheet, int row, int column) =>
        row < sheet.Count && column < sheet[row].Count ? sheet[row][column] : string.Empty;
}
