using System.Text;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Domain;

/// <summary>
/// The suppression rule on hand-made tables. Expectations are drawn as text, one line per row of the table:
/// <c>.</c> shown, <c>p</c> hidden as small, <c>s</c> hidden to protect another, the row total after <c>|</c>,
/// and a last line with the column totals and the grand total.
/// </summary>
public sealed class SmallCellsTests
{
    private static long[][] Matrix(params long[][] rows) => rows;

    private static IReadOnlyList<IReadOnlyList<long>> Cells(long[][] rows) => rows.Select(r => (IReadOnlyList<long>)r).ToList();

    private static long[] RowSums(long[][] rows) => rows.Select(r => r.Sum()).ToArray();

    private static long[] ColumnSums(long[][] rows) => Enumerable.Range(0, rows[0].Length).Select(c => rows.Sum(r => r[c])).ToArray();

    /// <summary>A table whose totals are the sums of its cells, suppressed.</summary>
    private static SuppressedTable WithSums(long[][] rows, int threshold = 5) =>
        SmallCells.Suppress(Cells(rows), RowSums(rows), ColumnSums(rows), rows.Sum(r => r.Sum()), threshold);

    private static char Mark(Suppression s) => s switch
    {
        Suppression.None => '.',
        Suppression.Primary => 'p',
        _ => 's',
    };

    private static string Draw(SuppressedTable table, int rows, int columns, bool totals = true)
    {
        var text = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            text.Append(string.Concat(Enumerable.Range(0, columns).Select(c => Mark(table.Cell(r, c)))));
            text.Append(totals ? "|" + Mark(table.RowTotal(r)) : string.Empty).Append('\n');
        }
        if (totals)
        {
            text.Append(string.Concat(Enumerable.Range(0, columns).Select(c => Mark(table.ColumnTotal(c))))).Append('|').Append(Mark(table.GrandTotal)).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void CountsFromOneToBelowTheThresholdAreHiddenAndZeroAndTheThresholdItselfAreShown()
    {
        var rows = Matrix([0, 1, 4, 5], [6, 0, 3, 2]);

        var table = SmallCells.Suppress(Cells(rows), null, null, null, 5);

        Assert.Equal(".pp.\n..pp\n", Draw(table, 2, 4, totals: false));
        Assert.Equal(4, table.HiddenCells);
    }

    [Fact]
    public void TheThresholdDecidesWhichCountsAreSmall()
    {
        var rows = Matrix([9, 10, 4, 11]);

        Assert.Equal("p.p.\n", Draw(SmallCells.Suppress(Cells(rows), null, null, null, 10), 1, 4, totals: false));
        Assert.Equal("....\n", Draw(SmallCells.Suppress(Cells(rows), null, null, null, 2), 1, 4, totals: false));
    }

    [Fact]
    public void ARowWithOneHiddenCellAndAShownTotalHidesItsSmallestOtherNonZeroCell()
    {
        // Row totals only: 3 could be worked out as 40 − 10 − 7 − 20, so 7 (the smallest other) goes too.
        var rows = Matrix([3, 10, 7, 20], [0, 9, 8, 12]);

        var table = SmallCells.Suppress(Cells(rows), RowSums(rows), null, null, 5);

        Assert.Equal("p.s.\n....\n", Draw(table, 2, 4, totals: false));
        Assert.Equal(Suppression.None, table.RowTotal(0));
    }

    [Fact]
    public void AColumnWithOneHiddenCellAndAShownTotalHidesItsSmallestOtherNonZeroCell()
    {
        // Column totals only, as on the per-municipality sheets: one column of counts under its total.
        var rows = Matrix([12], [0], [2], [30], [9], [0]);

        var table = SmallCells.Suppress(Cells(rows), null, [53], null, 5);

        Assert.Equal(".\n.\np\n.\ns\n.\n", Draw(table, 6, 1, totals: false));
        Assert.Equal(Suppression.None, table.ColumnTotal(0));
    }

    [Fact]
    public void TwoSmallCellsInARowProtectEachOtherAndNothingMoreIsHidden()
    {
        var rows = Matrix([3, 4, 20], [10, 11, 12]);

        var table = SmallCells.Suppress(Cells(rows), RowSums(rows), null, null, 5);

        Assert.Equal("pp.\n...\n", Draw(table, 2, 3, totals: false));
    }

    [Fact]
    public void TheSecondCellIsNonZeroEvenWhenAZeroIsSmaller()
    {
        var rows = Matrix([2, 0, 0, 9, 30]);

        var table = SmallCells.Suppress(Cells(rows), RowSums(rows), null, null, 5);

        Assert.Equal("p..s.\n", Draw(table, 1, 5, totals: false));
    }

    [Fact]
    public void WhenARowHasNoOtherNonZeroCellAZeroIsHidden()
    {
        // 6 is hidden to protect the 2 of its column; its row then has one hidden cell and nothing but zeros.
        // (Then 12 protects 9 in column 1, 7 protects 12 in row 2, and 20 protects 7 in column 2.)
        var rows = Matrix([2, 9, 20], [6, 0, 0], [30, 12, 7]);

        var table = WithSums(rows);

        Assert.Equal(
            "pss|.\n" +
            "ss.|.\n" +
            ".ss|.\n" +
            "...|.\n",
            Draw(table, 3, 3));
        Assert.Equal(0, rows[1][1]);
    }

    [Fact]
    public void SecondaryHidingCascadesUntilEveryRowAndColumnIsSafe()
    {
        // 2 → 9 (its row) → 10 and 12 (their columns) → 8 and 15 (their rows); column 3 then has two and all is stable.
        var rows = Matrix([2, 9, 20, 50], [10, 30, 8, 50], [40, 12, 15, 50]);

        var table = WithSums(rows);

        Assert.Equal(
            "ps..|.\n" +
            "s.s.|.\n" +
            ".ss.|.\n" +
            "....|.\n",
            Draw(table, 3, 4));
        Assert.Equal(6, table.HiddenCells);
    }

    [Fact]
    public void ZerosStayShownAndATableWithoutSmallCountsHidesNothing()
    {
        var rows = Matrix([0, 0, 5], [0, 12, 0], [7, 0, 0]);

        var table = WithSums(rows);

        Assert.Equal("...|.\n...|.\n...|.\n...|.\n", Draw(table, 3, 3));
        Assert.Equal(0, table.HiddenCells);
    }

    [Fact]
    public void ASmallRowTotalIsHiddenAndASecondRowTotalWithIt()
    {
        // Row 0 totals 3: hidden, and one hidden row total under a shown grand total needs a second (25).
        // The 6 and 8 protect the 1 and 2 in their columns; the 8 then leaves row 2 with one hidden cell: 7 goes.
        var rows = Matrix([1, 2, 0], [6, 9, 10], [7, 8, 20]);

        var table = WithSums(rows);

        Assert.Equal(
            "pp.|p\n" +
            "s..|s\n" +
            "ss.|.\n" +
            "...|.\n",
            Draw(table, 3, 3));
    }

    [Fact]
    public void ASmallColumnTotalIsHiddenAndASecondColumnTotalWithIt()
    {
        var rows = Matrix([3, 20, 30, 9], [0, 15, 25, 8]);

        var table = WithSums(rows);

        Assert.Equal(Suppression.Primary, table.ColumnTotal(0));
        Assert.Equal(Suppression.Secondary, table.ColumnTotal(3));
        Assert.Equal(Suppression.None, table.ColumnTotal(1));
        Assert.Equal(Suppression.None, table.GrandTotal);
    }

    [Fact]
    public void ASmallGrandTotalIsHidden()
    {
        var rows = Matrix([1, 0], [0, 2]);

        var table = WithSums(rows);

        Assert.Equal("p.|p\n.p|p\npp|p\n", Draw(table, 2, 2));
    }

    [Fact]
    public void ARowOfOneHiddenCellUnderAShownTotalHidesTheTotal()
    {
        // Multi-valued tables can show a row total larger than the row's only cell.
        var table = SmallCells.Suppress(Cells(Matrix([3])), [6], null, null, 5);

        Assert.Equal(Suppression.Primary, table.Cell(0, 0));
        Assert.Equal(Suppression.Secondary, table.RowTotal(0));
    }

    [Fact]
    public void NoRowOrColumnWithAShownTotalEverHasExactlyOneHiddenCell()
    {
        var random = new Random(5);
        for (var round = 0; round < 300; round++)
        {
            var rows = random.Next(1, 9);
            var columns = random.Next(1, 9);
            var matrix = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns)
                .Select(_ => random.Next(4) switch { 0 => 0L, 1 => random.Next(1, 5), _ => random.Next(5, 60) }).ToArray()).ToArray();
            var threshold = random.Next(2, 8);

            var table = WithSums(matrix, threshold);

            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var small = matrix[r][c] >= 1 && matrix[r][c] < threshold;
                    Assert.Equal(small, table.Cell(r, c) == Suppression.Primary);
                }
                var hidden = Enumerable.Range(0, columns).Count(c => table.Cell(r, c) != Suppression.None);
                Assert.False(table.RowTotal(r) == Suppression.None && hidden == 1, $"round {round}: row {r} has one hidden cell under a shown total");
            }
            for (var c = 0; c < columns; c++)
            {
                var hidden = Enumerable.Range(0, rows).Count(r => table.Cell(r, c) != Suppression.None);
                Assert.False(table.ColumnTotal(c) == Suppression.None && hidden == 1, $"round {round}: column {c} has one hidden cell under a shown total");
            }
            if (table.GrandTotal == Suppression.None)
            {
                Assert.NotEqual(1, Enumerable.Range(0, rows).Count(r => table.RowTotal(r) != Suppression.None));
                Assert.NotEqual(1, Enumerable.Range(0, columns).Count(c => table.ColumnTotal(c) != Suppression.None));
            }
        }
    }

    [Fact]
    public void AmongEqualCandidatesTheFirstInTableOrderIsHidden()
    {
        var rows = Matrix([2, 9, 9, 9], [9, 9, 9, 9], [9, 9, 9, 9]);

        Assert.Equal("ps..|.\nss..|.\n....|.\n....|.\n", Draw(WithSums(rows), 3, 4));
    }

    [Fact]
    public void ATableWhoseShapeDoesNotMatchItsTotalsIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SmallCells.Suppress(Cells(Matrix([1, 2], [3])), null, null, null, 5));
        Assert.Throws<ArgumentException>(() => SmallCells.Suppress(Cells(Matrix([1, 2])), [3, 4], null, null, 5));
        Assert.Throws<ArgumentException>(() => SmallCells.Suppress(Cells(Matrix([1, 2])), null, [1], null, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallCells.Suppress(Cells(Matrix([1, 2])), null, null, null, 0));
    }
}
