using System.Globalization;
using System.Text.Json;
using Azure;

namespace Reporting.Storage;

/// <summary>The Table service's JSON form of an entity (OData minimal metadata, with type annotations).</summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            switch (value)
            {
                case null:
                    break;
                case string s:
                    writer.WriteString(name, s);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                case long l:
                    writer.WriteString(name + TypeSuffix, "Edm.Int64");
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    writer.WriteString(name + TypeSuffix, "Edm.Double");
                    writer.WriteNumber(name, d);
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case DateTimeOffset d:
                    writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                    writer.WriteString(name, d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"Property {name} has a type the Table service cannot store: {value.GetType().Name}.", nameof(entity));
            }
        }
        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement json, string? etagHeader = null)
    {
        var entity = new TableEntity(
            json.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? "" : "",
            json.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? "" : "");
        // Only typed properties (dates, 64-bit numbers, …) carry an annotation; a report's $select of strings has none.
        Dictionary<string, string>? types = null;
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                (types ??= new Dictionary<string, string>(StringComparer.Ordinal))[name[..^TypeSuffix.Length]] = property.Value.GetString() ?? "";
            }
        }
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            if (name == "Timestamp")
            {
                entity.Timestamp = DateTimeOffset.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                continue;
            }
            entity[name] = ReadValue(property.Value, types?.GetValueOrDefault(name));
        }
        var etag = json.TryGetProperty("odata.etag", out var e) ? e.GetString() : etagHeader;
        if (etag is not null)
        {
            entity.ETag = new ETag(etag);
        }
        return entity;
    }

    private static object? ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number when value.TryGetInt64(out var l) => l,
            JsonValueKind.Number => value.GetDouble(),
            _ => null,
        },
    };
}
