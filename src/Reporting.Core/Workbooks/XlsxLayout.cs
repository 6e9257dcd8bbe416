using System.Globalization;

namespace Reporting.Workbooks;

/// <summary>Where a table of the spec lands on its sheet (rows and columns are 1-based; tables start in column A).</summary>
internal sealed class TablePlan
{
    public required TableSpec Spec { get; init; }

    /// <summary>The table's name in the workbook (unique, letters/digits/underscores).</summary>
    public required string Name { get; init; }

    /// <summary>The table's id in the workbook (unique, from 1).</summary>
    public required uint Id { get; init; }

    /// <summary>The table column names, which are also the texts of the header cells.</summary>
    public required IReadOnlyList<string> Headers { get; init; }

    public int? CaptionRow { get; init; }

    public required int HeaderRow { get; init; }

    public int FirstDataRow => HeaderRow + 1;

    /// <summary>The last row of the table; a table without rows keeps one empty row, as Excel does.</summary>
    public int LastDataRow => HeaderRow + Math.Max(Spec.Rows.Count, 1);

    public int? TotalsRow => Spec.Totals is null ? null : LastDataRow + 1;

    public int ColumnCount => Spec.Columns.Count;

    /// <summary>The table's range, header and data rows, without the totals row.</summary>
    public string Reference => XlsxText.Range(1, HeaderRow, ColumnCount, LastDataRow);
}

/// <summary>Where everything of a sheet of the spec lands.</summary>
internal sealed class SheetPlan
{
    public const int TitleRow = 1;

    public required SheetSpec Spec { get; init; }

    /// <summary>The sheet's name in the workbook (sanitised and unique).</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<TablePlan> Tables { get; init; }

    public const int FirstNoteRow = TitleRow + 1;

    public required int LastRow { get; init; }

    public int LastColumn => Math.Max(1, Tables.Count == 0 ? 1 : Tables.Max(t => t.ColumnCount));

    /// <summary>The widest table that still has its charts beside it; a wider one has them below, so the printed page stays readable.</summary>
    public const int MaxColumnsBesideCharts = 5;

    /// <summary>Whether the charts go below the tables (the tables are wide) rather than right of them.</summary>
    public bool ChartsBelow => LastColumn > MaxColumnsBesideCharts;

    /// <summary>Where charts go (1-based): the first column right of the tables, one column left free, or column A below them.</summary>
    public int ChartColumn => ChartsBelow ? 1 : (Tables.Count == 0 ? 0 : Tables.Max(t => t.ColumnCount)) + 2;

    /// <summary>The row (1-based) where the first chart starts: beside the first table's header, or two rows below the last table.</summary>
    public int ChartRow => ChartsBelow ? LastRow + 2 : Tables.Count == 0 ? 1 : Tables[0].CaptionRow ?? Tables[0].HeaderRow;

    /// <summary>The size of a chart, in columns of the default width.</summary>
    public const int ChartWidthInColumns = 9;

    /// <summary>
    /// The hidden column right of the charts that holds the bar labels of the chart at <paramref name="index"/>, when
    /// its spec gives them (a chart reads its labels from cells: literal labels are not drawn by every reader).
    /// </summary>
    public int ChartLabelColumn(int index) => Math.Max(LastColumn, ChartColumn + ChartWidthInColumns) + 1 + index;

    /// <summary>The last column the sheet writes to, hidden label columns included.</summary>
    public int LastUsedColumn => Spec.Charts is { Count: > 0 } charts && charts.Any(c => c.Categories is not null) ? ChartLabelColumn(charts.Count - 1) : LastColumn;

    public TablePlan TableFor(ChartSpec chart) =>
        Tables.FirstOrDefault(t => t.Spec.Name == chart.TableName)
        ?? throw new ArgumentException($"Chart \"{chart.Title}\" on sheet \"{Spec.Name}\" names table \"{chart.TableName}\", which the sheet does not have.");
}

internal static class XlsxLayout
{
    private const int MaxRows = 1_048_576;
    private const int MaxColumns = 16_384;

    /// <summary>
    /// The sheets of the workbook: title on row 1, notes under it, then for each table a blank row, its caption
    /// (if any), its header, its rows and its totals (if any). Checks the spec on the way.
    /// </summary>
    public static IReadOnlyList<SheetPlan> Plan(WorkbookSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Sheets is null || spec.Sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(spec));
        }
        var sheetNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tableNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plans = new List<SheetPlan>();
        uint tableId = 0;
        foreach (var sheet in spec.Sheets)
        {
            var name = XlsxNames.Sheet(sheet.Name ?? string.Empty, sheetNames, plans.Count + 1);
            var row = SheetPlan.TitleRow + (sheet.Notes?.Count ?? 0);
            var tables = new List<TablePlan>();
            foreach (var table in sheet.Tables ?? [])
            {
                Check(sheet, table);
                row++; // blank row
                int? caption = string.IsNullOrWhiteSpace(table.Caption) ? null : ++row;
                var plan = new TablePlan
                {
                    Spec = table,
                    Name = XlsxNames.Table(table.Name ?? string.Empty, tableNames),
                    Id = ++tableId,
                    Headers = XlsxNames.Columns(table.Columns.Select(c => c.Header)),
                    CaptionRow = caption,
                    HeaderRow = ++row,
                };
                row = plan.TotalsRow ?? plan.LastDataRow;
                tables.Add(plan);
            }
            if (row > MaxRows)
            {
                throw new ArgumentException($"Sheet \"{sheet.Name}\" needs {row.ToString(CultureInfo.InvariantCulture)} rows, more than a worksheet has.", nameof(spec));
            }
            var sheetPlan = new SheetPlan { Spec = sheet, Name = name, Tables = tables, LastRow = row };
            foreach (var chart in sheet.Charts ?? [])
            {
                var table = sheetPlan.TableFor(chart);
                if (chart.CategoryColumn < 0 || chart.CategoryColumn >= table.ColumnCount || chart.ValueColumn < 0 || chart.ValueColumn >= table.ColumnCount)
                {
                    throw new ArgumentException($"Chart \"{chart.Title}\" names a column table \"{chart.TableName}\" does not have.", nameof(spec));
                }
            }
            plans.Add(sheetPlan);
        }
        return plans;
    }

    private static void Check(SheetSpec sheet, TableSpec table)
    {
        if (table.Columns is null || table.Columns.Count == 0)
        {
            throw new ArgumentException($"Table \"{table.Name}\" on sheet \"{sheet.Name}\" has no columns.");
        }
        if (table.Columns.Count > MaxColumns)
        {
            throw new ArgumentException($"Table \"{table.Name}\" on sheet \"{sheet.Name}\" has more columns than a worksheet.");
        }
        var rows = (table.Rows ?? []).Append(table.Totals ?? []);
        foreach (var values in rows)
        {
            if (values.Count > table.Columns.Count)
            {
                throw new ArgumentException($"A row of table \"{table.Name}\" on sheet \"{sheet.Name}\" has {values.Count} values for {table.Columns.Count} columns.");
            }
            foreach (var value in values)
            {
                if (value is not null and not string && !XlsxStyles.IsNumber(value))
                {
                    throw new ArgumentException($"Table \"{table.Name}\" on sheet \"{sheet.Name}\" holds a {value.GetType().Name}; cells take text or numbers.");
                }
            }
        }
    }
}
