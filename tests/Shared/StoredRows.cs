using Azure;
using Azure.Data.Tables;
using Reporting.Storage;

namespace Reporting.Tests.Support;

/// <summary>
/// What storage holds, read straight from the tables with the SDK (not through the service), to check the record
/// store's invariants after a race or a crash. See docs/decisions/0002-partition-keys.md for the rows.
/// </summary>
public sealed class StoredRows(TableServiceClient tables, string prefix)
{
    public StoredRows(string connectionString, string prefix)
        : this(new TableServiceClient(connectionString), prefix)
    {
    }

    public const string Entries = "Entries";
    public const string Activities = "Activities";

    public TableClient Table(string name) => tables.GetTableClient(prefix + name);

    /// <summary>Every row of a table; none when the table does not exist.</summary>
    public async Task<List<TableEntity>> AllAsync(string table)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in Table(table).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table: nothing was ever stored.
        }
        return rows;
    }

    /// <summary>The record rows (live records and tombstones) by id.</summary>
    public async Task<Dictionary<string, TableEntity>> RecordRowsAsync(string table) =>
        (await AllAsync(table)).Where(r => RecordKeys.IsRecordRow(r.RowKey)).ToDictionary(r => RecordKeys.IdOfRecordRow(r.RowKey), StringComparer.Ordinal);

    /// <summary>The live records' ids.</summary>
    public async Task<HashSet<string>> LiveIdsAsync(string table) =>
        (await RecordRowsAsync(table)).Where(r => r.Value.GetBoolean("Erased") != true).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The period rows, with the id each one ends in.</summary>
    public async Task<List<(string Id, TableEntity Row)>> PeriodRowsAsync(string table) =>
        (await AllAsync(table)).Where(r => RecordKeys.IsPeriodRow(r.RowKey)).Select(r => (IdOf(r.RowKey), r)).ToList();

    /// <summary>The audit rows.</summary>
    public async Task<List<TableEntity>> AuditRowsAsync(string table) =>
        (await AllAsync(table)).Where(r => r.RowKey.StartsWith("audit:", StringComparison.Ordinal)).ToList();

    /// <summary>The id a record or period row belongs to: the last part of its row key.</summary>
    public static string IdOf(string rowKey) => rowKey[(rowKey.LastIndexOf(':') + 1)..];

    /// <summary>
    /// The invariants that hold of a table between any two writes, whatever raced or died: every live record row
    /// has exactly one period row, in its partition, under its programme and month, with its content; a tombstone
    /// has none; no period row is without its live record. Returns what breaks them (empty when nothing does).
    /// </summary>
    public async Task<List<string>> BrokenInvariantsAsync(string table)
    {
        var all = await AllAsync(table);
        var records = all.Where(r => RecordKeys.IsRecordRow(r.RowKey)).ToDictionary(r => RecordKeys.IdOfRecordRow(r.RowKey), StringComparer.Ordinal);
        var periods = all.Where(r => RecordKeys.IsPeriodRow(r.RowKey)).GroupBy(r => IdOf(r.RowKey)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var (id, row) in records)
        {
            var period = periods.GetValueOrDefault(id) ?? [];
            if (row.PartitionKey != RecordKeys.PartitionOf(id))
            {
                broken.Add($"{id}: record row in partition {row.PartitionKey}");
            }
            if (row.GetBoolean("Erased") == true)
            {
                if (period.Count != 0 || row.GetString("ContentHash") is not null || row.GetString("Date") is not null)
                {
                    broken.Add($"{id}: erased, yet {period.Count} period rows or content remain");
                }
                continue;
            }
            if (period.Count != 1)
            {
                broken.Add($"{id}: {period.Count} period rows");
                continue;
            }
            var date = DateOnly.ParseExact(row.GetString("Date")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var expected = RecordKeys.PeriodRow(row.GetString("Programme")!, date, id);
            if (period[0].RowKey != expected || period[0].PartitionKey != row.PartitionKey || period[0].GetString("ContentHash") != row.GetString("ContentHash"))
            {
                broken.Add($"{id}: period row {period[0].PartitionKey}/{period[0].RowKey} does not match its record ({expected}, {row.GetString("ContentHash")})");
            }
        }
        foreach (var id in periods.Keys.Where(id => !records.ContainsKey(id)))
        {
            broken.Add($"{id}: period row without a record row");
        }
        return broken;
    }
}
