namespace Reporting.Domain.Aggregation;

/// <summary>
/// The codes of one dimension in report order: the reference data's codes first (so a code with no records
/// still has its row), then any code met in older records that the current reference data no longer lists.
/// </summary>
public sealed class CodeAxis
{
    private readonly List<string> _codes;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CodeAxis(IEnumerable<string> codes)
    {
        _codes = codes.ToList();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _codes.Count; i++)
        {
            _index[_codes[i]] = i;
        }
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Codes => _codes;

    public int Count => _codes.Count;

    public int IndexOf(ReadOnlySpan<char> code)
    {
        if (_lookup.TryGetValue(code, out var index))
        {
            return index;
        }
        var added = code.ToString();
        _codes.Add(added);
        _index[added] = _codes.Count - 1;
        return _codes.Count - 1;
    }
}

/// <summary>Counts per code of one dimension, and how many records were counted.</summary>
public sealed class Tally(CodeAxis axis)
{
    private long[] _counts = new long[Math.Max(axis.Count, 1)];

    public CodeAxis Axis => axis;

    public long Records { get; private set; }

    public void Count(int index) => Count(index, 1);

    private void Count(int index, long times)
    {
        if (index >= _counts.Length)
        {
            Array.Resize(ref _counts, Math.Max(index + 1, _counts.Length * 2));
        }
        _counts[index] += times;
    }

    /// <summary>A record that mentions the codes at <paramref name="indexes"/>: counted once under each.</summary>
    public void CountRecord(ReadOnlySpan<int> indexes)
    {
        Records++;
        foreach (var index in indexes)
        {
            Count(index);
        }
    }

    public void CountRecord(int index)
    {
        Records++;
        Count(index);
    }

    /// <summary>A record that brings an amount (participants) to one code: the tally then holds sums, not records.</summary>
    public void CountAmount(int index, long amount)
    {
        Records++;
        Count(index, amount);
    }

    public long this[int index] => index < _counts.Length ? _counts[index] : 0;

    public IReadOnlyList<long> Snapshot() => Enumerable.Range(0, axis.Count).Select(i => this[i]).ToList();

    /// <summary>Adds another tally's counts, code by code (its axis may list codes in another order, or others).</summary>
    public void Add(Tally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Records += other.Records;
        AddCounts(other);
    }

    /// <summary>Adds another tally's counts per code, not its number of records.</summary>
    internal void AddCounts(Tally other)
    {
        var codes = other.Axis.Codes;
        for (var i = 0; i < codes.Count; i++)
        {
            if (other[i] != 0)
            {
                Count(axis.IndexOf(codes[i]), other[i]);
            }
        }
    }
}

/// <summary>
/// A crossed table of two dimensions. A record counts once in every cell of (each of its row codes × each of its
/// column codes); a record with no code on one side is not in the table.
/// </summary>
public sealed class CrossTally(CodeAxis rows, CodeAxis columns)
{
    private readonly List<long[]> _cells = [];
    private readonly Tally _rowRecords = new(rows);
    private readonly Tally _columnRecords = new(columns);

    public CodeAxis Rows => rows;

    public CodeAxis Columns => columns;

    /// <summary>Records with at least one code on each side.</summary>
    public long Records { get; private set; }

    public void CountRecord(ReadOnlySpan<int> rowIndexes, ReadOnlySpan<int> columnIndexes)
    {
        if (rowIndexes.IsEmpty || columnIndexes.IsEmpty)
        {
            return;
        }
        Records++;
        foreach (var r in rowIndexes)
        {
            _rowRecords.Count(r);
            while (_cells.Count <= r)
            {
                _cells.Add(new long[Math.Max(columns.Count, 1)]);
            }
            var row = _cells[r];
            foreach (var c in columnIndexes)
            {
                if (c >= row.Length)
                {
                    Array.Resize(ref row, Math.Max(c + 1, columns.Count));
                    _cells[r] = row;
                }
                row[c]++;
            }
        }
        foreach (var c in columnIndexes)
        {
            _columnRecords.Count(c);
        }
    }

    public long this[int row, int column] => row < _cells.Count && column < _cells[row].Length ? _cells[row][column] : 0;

    /// <summary>Records in a row: not the sum of its cells when the columns are multi-valued.</summary>
    public long RowRecords(int row) => _rowRecords[row];

    public long ColumnRecords(int column) => _columnRecords[column];

    /// <summary>Adds another crossed table's counts, cell by cell and code by code.</summary>
    public void Add(CrossTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Records += other.Records;
        _rowRecords.AddCounts(other._rowRecords);
        _columnRecords.AddCounts(other._columnRecords);
        var columnIndexes = other.Columns.Codes.Select(c => columns.IndexOf(c)).ToArray();
        for (var r = 0; r < other._cells.Count; r++)
        {
            var row = -1;
            for (var c = 0; c < other._cells[r].Length; c++)
            {
                var count = other._cells[r][c];
                if (count == 0)
                {
                    continue;
                }
                if (row < 0)
                {
                    row = rows.IndexOf(other.Rows.Codes[r]);
                    while (_cells.Count <= row)
                    {
                        _cells.Add(new long[Math.Max(columns.Count, 1)]);
                    }
                }
                var cells = _cells[row];
                var column = columnIndexes[c];
                if (column >= cells.Length)
                {
                    Array.Resize(ref cells, Math.Max(column + 1, columns.Count));
                    _cells[row] = cells;
                }
                cells[column] += count;
            }
        }
    }
}
