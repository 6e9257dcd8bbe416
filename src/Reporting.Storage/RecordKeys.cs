using Azure.Data.Tables;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reporting.Storage;

/// <summary>
/// Where a record's rows live (see docs/decisions/0002-partition-keys.md). A record never leaves its partition,
/// which its id alone decides, so every change of a record is one entity group transaction:
/// <list type="bullet">
/// <item><c>record:{id}</c>, the record row: the record as stored, or an erased record's tombstone.</item>
/// <item><c>month:{programme}:{yyyy-MM}:{id}</c>, the period row: what a report counts, under the programme and
/// month of the record's date; a report reads a range of them.</item>
/// <item><c>moves</c>, the partition's move marker: rewritten by every write that moves a period row.</item>
/// <item><c>audit:{programme}:{inverted time}:{id}:{n}</c>, the audit rows of corrections and erasures.</item>
/// </list>
/// </summary>
public static class RecordKeys
{
    /// <summary>Records of a kind are spread over this many partitions.</summary>
    public const int Partitions = 16;

    public const string MovesRow = "moves";

    private const string RecordPrefix = "record:";
    private const string MonthPrefix = "month:";
    private const string AuditPrefix = "audit:";

    /// <summary>The partitions of a kind's table, in order.</summary>
    public static IReadOnlyList<string> AllPartitions { get; } =
        [.. Enumerable.Range(0, Partitions).Select(i => i.ToString("x", CultureInfo.InvariantCulture))];

    /// <summary>
    /// The partition of a record: one hex digit of the SHA-256 of its id, so that ids a form makes in sequence
    /// (time-ordered UUIDs) still spread evenly.
    /// </summary>
    public static string PartitionOf(string id) =>
        (SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] & 0x0F).ToString("x", CultureInfo.InvariantCulture);

    public static string RecordRow(string id) => RecordPrefix + id;

    public static bool IsRecordRow(string rowKey) => rowKey.StartsWith(RecordPrefix, StringComparison.Ordinal);

    public static string IdOfRecordRow(string rowKey) => rowKey[RecordPrefix.Length..];

    public static string PeriodRow(string programme, DateOnly date, string id) =>
        $"{MonthPrefix}{programme}:{Month(date)}:{id}";

    public static bool IsPeriodRow(string rowKey) => rowKey.StartsWith(MonthPrefix, StringComparison.Ordinal);

    /// <summary>The record id a period row is kept under (its last part: programmes and months hold no colon).</summary>
    public static string IdOfPeriodRow(string rowKey) => rowKey[(rowKey.LastIndexOf(':') + 1)..];

    /// <summary>The period rows of a programme's months from <paramref name="from"/> to <paramref name="to"/>: RowKey ≥ the first and &lt; the second.</summary>
    public static (string From, string Before) PeriodRange(string programme, DateOnly from, DateOnly to) =>
        ($"{MonthPrefix}{programme}:{Month(from)}:", $"{MonthPrefix}{programme}:{Month(to)};");

    /// <summary>
    /// What a filter of period rows adds for a period that is not whole months (whose rows the key range holds
    /// exactly): the dates, on the rows' <c>Date</c>; nothing for whole months.
    /// </summary>
    public static string DateCondition(DateOnly from, DateOnly to) =>
        from.Day == 1 && to.AddDays(1).Day == 1
            ? ""
            : TableClient.CreateQueryFilter($" and Date ge {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and Date le {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    public static string AuditRow(string programme, DateTimeOffset at, string id, int n) =>
        $"{AuditPrefix}{programme}:{(DateTimeOffset.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}:{id}:{n}";

    /// <summary>A programme's audit rows, newest first: RowKey ≥ the first and &lt; the second.</summary>
    public static (string From, string Before) AuditRange(string programme) => ($"{AuditPrefix}{programme}:", $"{AuditPrefix}{programme};");

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
