namespace Reporting.Workbooks;

/// <summary>How the cells of a column are shown.</summary>
public enum CellKind
{
    /// <summary>Text; a number in such a column is still written as a number (general format).</summary>
    Text,

    /// <summary>A whole number, with thousands separators.</summary>
    Count,

    /// <summary>A fraction (0.25) shown as a percentage (25.0%).</summary>
    Share,
}

public sealed record Column(string Header, CellKind Kind);

/// <summary>
/// One table of a sheet: an Excel table with a header row and a filter, and optionally a totals row below it.
/// Cell values are <c>string</c> (text), <c>int</c>/<c>long</c>/<c>double</c> (numbers, formatted by the
/// column's kind) or <c>null</c> (empty). A number is never written as text.
/// </summary>
public sealed record TableSpec(
    string Name,
    string? Caption,
    IReadOnlyList<Column> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<object?>? Totals = null);

/// <summary>
/// A native bar chart of one column of a table of the same sheet, one bar per row. <c>TableName</c> is
/// the <see cref="TableSpec.Name"/> of that table; the columns are 0-based indexes into its columns.
/// <c>Categories</c>, when given, are the bars' labels, one per row in the table's order (short forms of long
/// labels); otherwise the category column's cells are.
/// </summary>
public sealed record ChartSpec(string Title, string TableName, int CategoryColumn, int ValueColumn, IReadOnlyList<string>? Categories = null)
{
    /// <summary>Bars (one per row, top to bottom) or lines (one point per row, left to right: a series over time).</summary>
    public ChartKind Kind { get; init; } = ChartKind.Bar;

    /// <summary>Further columns drawn as series of their own (a line each), after <see cref="ValueColumn"/>; with a legend.</summary>
    public IReadOnlyList<int> MoreValueColumns { get; init; } = [];
}

public enum ChartKind
{
    Bar,
    Line,
}

/// <summary>A sheet: a title line, notes under it, then its tables one under the other, and charts beside them.</summary>
public sealed record SheetSpec(
    string Name,
    string Title,
    IReadOnlyList<string> Notes,
    IReadOnlyList<TableSpec> Tables,
    IReadOnlyList<ChartSpec>? Charts = null);

/// <summary>
/// What every printed page says: <paramref name="Header"/> at its top left (the sheet's name goes top right), and
/// at its bottom the page number in words, <paramref name="PageOfPages"/> with <c>{0}</c> the page and <c>{1}</c>
/// the number of pages ("Page {0} of {1}").
/// </summary>
public sealed record PrintSpec(string Header, string PageOfPages);

/// <param name="Title">The workbook's title (its document properties).</param>
/// <param name="Sheets">Its sheets, in order.</param>
/// <param name="Print">The printed pages' header and footer; none when null.</param>
public sealed record WorkbookSpec(string Title, IReadOnlyList<SheetSpec> Sheets, PrintSpec? Print = null);
