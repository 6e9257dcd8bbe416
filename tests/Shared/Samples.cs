using System.Text.Json;
using System.Text.Json.Nodes;
using Reporting.Domain;

namespace Reporting.Tests.Support;

/// <summary>Valid records as a field form would send them; tests change one field at a time.</summary>
public static class Samples
{
    public static JsonObject Entry(string? id = null, string date = "2022-03-14") => new()
    {
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["programme"] = "BAR",
        ["workerCode"] = "BAR-07",
        ["date"] = date,
        ["municipality"] = "21015",
        ["neighbourhood"] = "23",
        ["firstContact"] = "public-space",
        ["initiative"] = "outreach",
        ["place"] = "outside",
        ["actions"] = new JsonArray("inform", "refer-service"),
        ["nonTakeUp"] = new JsonArray("non-knowledge"),
        ["themes"] = new JsonArray("E", "K"),
        ["vulnerabilities"] = new JsonArray("language", "digital"),
        ["campaign"] = null,
    };

    public static JsonObject Activity(string? id = null, string date = "2022-05-03") => new()
    {
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["programme"] = "BAR",
        ["workerCodes"] = new JsonArray("BAR-07", "BAR-12"),
        ["date"] = date,
        ["municipality"] = "21004",
        ["postcode"] = "1020",
        ["neighbourhood"] = null,
        ["name"] = "Sociale stand markt Sint-Servaasplein",
        ["format"] = "market-stand",
        ["regularity"] = "regular",
        ["organisation"] = "own",
        ["themes"] = new JsonArray("O", "S", "E"),
        ["participants"] = 35,
        ["partners"] = 2,
        ["campaign"] = "energy-2022",
    };

    /// <summary>The body of a batch post: the records, copied.</summary>
    public static JsonObject Batch(IEnumerable<JsonObject> records) =>
        new() { ["records"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()) };

    /// <summary>A correction as a form sends it: PUT with the record, and the ETag it read in If-Match (none when null).</summary>
    public static HttpRequestMessage Put(string path, JsonNode body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
        return request;
    }

    public static JsonObject With(this JsonObject record, string field, JsonNode? value)
    {
        var copy = record.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject record, string field)
    {
        var copy = record.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    public static JsonElement ToElement(this JsonNode node) => JsonSerializer.SerializeToElement(node);

    /// <summary>A reader whose "today" is 2026-11-22 in Brussels.</summary>
    public static RecordReader Reader() =>
        new(ReferenceCatalog.Current, new FixedTime(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)));
}
