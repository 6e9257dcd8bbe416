using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Domain;

/// <summary>What ingestion needs of either kind of record.</summary>
public interface IFieldRecord
{
    string Id { get; }
    string Programme { get; }
    DateOnly Date { get; }

    /// <summary>The worker codes the record carries (whose work it is).</summary>
    IEnumerable<string> Workers { get; }

    /// <summary>The JSON path of the worker code field, to name it in errors.</summary>
    string WorkersField { get; }
}

/// <summary>One individual referral or intervention, as a field form sends it (see the record contract).</summary>
public sealed record LogbookEntry : IFieldRecord
{
    public required string Id { get; init; }
    public required string Programme { get; init; }
    public required string WorkerCode { get; init; }
    public required DateOnly Date { get; init; }

    IEnumerable<string> IFieldRecord.Workers => [WorkerCode];

    string IFieldRecord.WorkersField => "workerCode";
    public required string Municipality { get; init; }
    public string? Postcode { get; init; }
    public string? Neighbourhood { get; init; }
    public required string FirstContact { get; init; }
    public required string Initiative { get; init; }
    public required string Place { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
    public required IReadOnlyList<string> NonTakeUp { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public required IReadOnlyList<string> Vulnerabilities { get; init; }
    public string? Campaign { get; init; }
}

/// <summary>One action of a collective or community activity.</summary>
public sealed record CollectiveActivity : IFieldRecord
{
    public required string Id { get; init; }
    public required string Programme { get; init; }
    public required IReadOnlyList<string> WorkerCodes { get; init; }
    public required DateOnly Date { get; init; }

    IEnumerable<string> IFieldRecord.Workers => WorkerCodes;

    string IFieldRecord.WorkersField => "workerCodes";
    public required string Municipality { get; init; }
    public string? Postcode { get; init; }
    public string? Neighbourhood { get; init; }
    public required string Name { get; init; }
    public required string Format { get; init; }
    public required string Regularity { get; init; }
    public required string Organisation { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public int? Participants { get; init; }
    public int? Partners { get; init; }
    public string? Campaign { get; init; }
}

/// <summary>A record as stored: its content plus what the service adds.</summary>
public sealed record StoredRecord<T>(T Record, string ReferenceVersion, string ContentHash, DateTimeOffset RecordedAt, DateTimeOffset UpdatedAt, string ETag)
    where T : IFieldRecord;

public static class RecordJson
{
    /// <summary>The JSON conventions of the public contract: camelCase, dates as yyyy-MM-dd, nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// A fingerprint of a record's content. Records are normalised when read (lists in reference order), so two
    /// posts that mean the same thing have the same hash.
    /// </summary>
    public static string ContentHash<T>(T record) where T : IFieldRecord =>
        // Records are immutable: a record's hash is computed once, however many steps ask for it.
        Hashes.GetValue(record, static r => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(r, r.GetType(), Options))));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> Hashes = new();

    /// <summary>The names of the top-level fields in which two records differ, in contract order.</summary>
    public static IReadOnlyList<string> DifferingFields<T>(T left, T right) where T : IFieldRecord
    {
        using var a = JsonSerializer.SerializeToDocument(left, Options);
        using var b = JsonSerializer.SerializeToDocument(right, Options);
        var differing = new List<string>();
        foreach (var property in a.RootElement.EnumerateObject())
        {
            var other = b.RootElement.GetProperty(property.Name);
            if (!JsonElement.DeepEquals(property.Value, other))
            {
                differing.Add(property.Name);
            }
        }
        return differing;
    }
}
