using System.Globalization;
using Azure;

namespace Reporting.Storage;

/// <summary>
/// A Table service entity: its keys, its ETag and a bag of typed properties (string, int, long, double, bool,
/// DateTimeOffset).
/// </summary>
public sealed class TableEntity
{
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public ETag ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.GetValueOrDefault(name);
        set => Properties[name] = value;
    }

    public string? GetString(string name) => this[name] as string;

    public int? GetInt32(string name) => this[name] switch
    {
        int i => i,
        long l => checked((int)l),
        _ => null,
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        DateTimeOffset d => d,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => null,
    };
}
