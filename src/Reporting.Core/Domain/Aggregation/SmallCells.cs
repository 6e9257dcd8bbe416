namespace Reporting.Domain.Aggregation;

/// <summary>Whether a figure of a table is shown, and if not, why.</summary>
public enum Suppression
{
    /// <summary>Shown as it is.</summary>
    None,

    /// <summary>Hidden because it is a small count: from 1 to the threshold − 1.</summary>
    Primary,

    /// <summary>Hidden so that a hidden small count cannot be worked out from a total.</summary>
    Secondary,
}

/// <summary>
/// Statistical disclosure control of one table of counts: which cells and which totals a published table hides.
/// <para>
/// The table is given as it is shown: a matrix of counts, and optionally the row totals (a column beside it), the
/// column totals (a row under it) and the grand total (where the two meet). The rule:
/// </para>
/// <list type="number">
/// <item>Primary suppression: every count <c>c</c> with <c>1 ≤ c &lt; threshold</c> is hidden, cells and totals alike.
/// Zero is never small: 0 stays shown.</item>
/// <item>Secondary suppression, repeated until nothing changes: in every row whose row total is shown and every
/// column whose column total is shown, when exactly one of its cells is hidden a second one is hidden too: the
/// smallest shown non-zero cell of that row or column, or when there is none the smallest shown cell (a zero);
/// when the row or column has no other cell at all, its total is hidden instead. Likewise, when the grand total
/// is shown and exactly one row total (or exactly one column total) is hidden, a second row total (column total)
/// is hidden, chosen the same way. Among equal candidates the first one in table order is taken.</item>
/// </list>
/// <para>
/// A row or column without a total shown (hidden, or not part of the table) gives nothing away by difference and
/// needs no second cell. In crossed tables of multi-valued fields a row total is the number of records in the row,
/// not the sum of its cells; the same rule is applied anyway, which hides more than strictly needed, never less.
/// The rule looks at one row or column at a time: it does not search for every combination of rows and columns
/// through which a hidden cell might be bounded.
/// </para>
/// </summary>
public static class SmallCells
{
    /// <summary>The threshold funders get unless their agreement asks another: counts from 1 to 4 are hidden.</summary>
    public const int DefaultThreshold = 5;

    /// <summary>Hides the small cells of a table and those that protect them.</summary>
    /// <param name="cells">The counts, <c>cells[row][column]</c>; every row as long as the first.</param>
    /// <param name="rowTotals">One total per row as shown beside it, or null when the table has no row totals.</param>
    /// <param name="columnTotals">One total per column as shown under it, or null when the table has no column totals.</param>
    /// <param name="grandTotal">The total of the totals as shown, or null when the table has none.</param>
    /// <param name="threshold">The smallest count that is shown; counts from 1 to <paramref name="threshold"/> − 1 are hidden.</param>
    /// <exception cref="ArgumentException">The rows are not all as long, or the totals do not match the rows or columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is less than 1.</exception>
    public static SuppressedTable Suppress(
        IReadOnlyList<IReadOnlyList<long>> cells,
        IReadOnlyList<long>? rowTotals,
        IReadOnlyList<long>? columnTotals,
        long? grandTotal,
        int threshold)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var rows = cells.Count;
        var columns = rows == 0 ? columnTotals?.Count ?? 0 : cells[0].Count;
        if (cells.Any(r => r.Count != columns))
        {
            throw new ArgumentException("Every row must have as many cells as the first.", nameof(cells));
        }
        if (rowTotals is not null && rowTotals.Count != rows)
        {
            throw new ArgumentException("There must be one row total per row.", nameof(rowTotals));
        }
        if (columnTotals is not null && columnTotals.Count != columns)
        {
            throw new ArgumentException("There must be one column total per column.", nameof(columnTotals));
        }

        bool Small(long count) => count >= 1 && count < threshold;
        Suppression Primary(long count) => Small(count) ? Suppression.Primary : Suppression.None;

        var table = new SuppressedTable(
            cells.Select(r => r.Select(Primary).ToArray()).ToArray(),
            rowTotals?.Select(Primary).ToArray(),
            columnTotals?.Select(Primary).ToArray(),
            grandTotal is { } grand ? Primary(grand) : Suppression.None);

        var rowLines = Enumerable.Range(0, rowTotals is null ? 0 : rows)
            .Select(r => new Line(
                Enumerable.Range(0, columns).Select(c => new Member(Kind.Cell, r, c, cells[r][c])).ToArray(),
                new Member(Kind.RowTotal, r, 0, rowTotals![r])));
        var columnLines = Enumerable.Range(0, columnTotals is null ? 0 : columns)
            .Select(c => new Line(
                Enumerable.Range(0, rows).Select(r => new Member(Kind.Cell, r, c, cells[r][c])).ToArray(),
                new Member(Kind.ColumnTotal, 0, c, columnTotals![c])));
        var totalLines = new List<Line>();
        if (grandTotal is { } grandCount)
        {
            var grandMember = new Member(Kind.GrandTotal, 0, 0, grandCount);
            if (rowTotals is not null)
            {
                totalLines.Add(new Line(rowTotals.Select((t, r) => new Member(Kind.RowTotal, r, 0, t)).ToArray(), grandMember));
            }
            if (columnTotals is not null)
            {
                totalLines.Add(new Line(columnTotals.Select((t, c) => new Member(Kind.ColumnTotal, 0, c, t)).ToArray(), grandMember));
            }
        }
        var lines = rowLines.Concat(columnLines).Concat(totalLines).ToList();

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                changed |= Protect(table, line);
            }
        }
        while (changed);
        return table;
    }

    /// <summary>Hides a second member of a line whose total is shown and that has exactly one hidden member.</summary>
    private static bool Protect(SuppressedTable table, Line line)
    {
        if (Of(table, line.Total) != Suppression.None || line.Members.Count(m => Of(table, m) != Suppression.None) != 1)
        {
            return false;
        }
        var shown = line.Members.Where(m => Of(table, m) == Suppression.None).ToList();
        // MinBy keeps the first of equal candidates: the choice follows the table's order.
        var second = shown.Where(m => m.Count != 0).MinBy(m => m.Count) ?? shown.MinBy(m => m.Count) ?? line.Total;
        Hide(table, second);
        return true;
    }

    private enum Kind
    {
        Cell,
        RowTotal,
        ColumnTotal,
        GrandTotal,
    }

    private sealed record Member(Kind Kind, int Row, int Column, long Count);

    /// <summary>A row or column of the table: the figures that add up (or, multi-valued, count) to its total.</summary>
    private sealed record Line(IReadOnlyList<Member> Members, Member Total);

    private static Suppression Of(SuppressedTable table, Member member) => member.Kind switch
    {
        Kind.Cell => table.Cells[member.Row][member.Column],
        Kind.RowTotal => table.RowTotals![member.Row],
        Kind.ColumnTotal => table.ColumnTotals![member.Column],
        _ => table.GrandTotal,
    };

    private static void Hide(SuppressedTable table, Member member)
    {
        switch (member.Kind)
        {
            case Kind.Cell:
                table.Cells[member.Row][member.Column] = Suppression.Secondary;
                break;
            case Kind.RowTotal:
                table.RowTotals![member.Row] = Suppression.Secondary;
                break;
            case Kind.ColumnTotal:
                table.ColumnTotals![member.Column] = Suppression.Secondary;
                break;
            default:
                table.GrandTotal = Suppression.Secondary;
                break;
        }
    }
}

/// <summary>Which figures of a table are hidden (see <see cref="SmallCells"/>).</summary>
public sealed class SuppressedTable
{
    internal SuppressedTable(Suppression[][] cells, Suppression[]? rowTotals, Suppression[]? columnTotals, Suppression grandTotal)
    {
        Cells = cells;
        RowTotals = rowTotals;
        ColumnTotals = columnTotals;
        GrandTotal = grandTotal;
    }

    internal Suppression[][] Cells { get; }

    internal Suppression[]? RowTotals { get; }

    internal Suppression[]? ColumnTotals { get; }

    public Suppression Cell(int row, int column) => Cells[row][column];

    /// <summary>The row total of a row; <see cref="Suppression.None"/> when the table has no row totals.</summary>
    public Suppression RowTotal(int row) => RowTotals?[row] ?? Suppression.None;

    /// <summary>The column total of a column; <see cref="Suppression.None"/> when the table has no column totals.</summary>
    public Suppression ColumnTotal(int column) => ColumnTotals?[column] ?? Suppression.None;

    /// <summary>The grand total; <see cref="Suppression.None"/> when the table has none.</summary>
    public Suppression GrandTotal { get; internal set; }

    /// <summary>How many cells (totals not included) are hidden.</summary>
    public int HiddenCells => Cells.Sum(r => r.Count(s => s != Suppression.None));
}
