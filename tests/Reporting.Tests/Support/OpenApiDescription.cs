using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Reporting.Tests.Support;

/// <summary>An operation of an OpenAPI document, found by method and path.</summary>
public sealed record DescribedOperation(string Method, string PathTemplate, JsonObject Operation)
{
    public string? Id => Operation["operationId"]?.GetValue<string>();

    public IEnumerable<JsonObject> Parameters(string where) =>
        (Operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).Where(p => p["in"]!.GetValue<string>() == where);

    public IEnumerable<string> Required(string where) =>
        Parameters(where).Where(p => p["required"]?.GetValue<bool>() == true).Select(p => p["name"]!.GetValue<string>());

    /// <summary>Whether a call without credential is described (an empty security requirement).</summary>
    public bool Anonymous => Operation["security"] is JsonArray security && security.Any(r => r!.AsObject().Count == 0);

    public JsonNode? RequestSchema => Operation["requestBody"]?["content"]?["application/json"]?["schema"];

    public JsonObject? Response(int status) => Operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();
}

/// <summary>
/// An OpenAPI 3.1 document as the tests read it: its operations by method and path (as a server routes them:
/// a path without parameters before one with), and its schemas evaluated as JSON Schema 2020-12 (JsonSchema.Net),
/// formats asserted.
/// </summary>
public sealed class OpenApiDescription(JsonObject document)
{
    public JsonObject Document => document;

    public IEnumerable<DescribedOperation> Operations =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(m => m.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(m => new DescribedOperation(m.Key.ToUpperInvariant(), path.Key, m.Value!.AsObject())));

    /// <summary>The operation that a request of this method to this path (without query) reaches, or null.</summary>
    public DescribedOperation? Find(string method, string path) => Operations
        .Where(o => o.Method == method && Template(o.PathTemplate).IsMatch(path))
        .OrderBy(o => o.PathTemplate.Count(c => c == '{'))
        .FirstOrDefault();

    private static Regex Template(string template) =>
        new("^" + string.Join("[^/]+", template.Split(['{', '}']).Where((_, i) => i % 2 == 0).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);

    /// <summary>The problems of <paramref name="instance"/> against <paramref name="schema"/> (a schema of the document, $refs into its components); empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var root = Rebase(schema.DeepClone()).AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = Rebase(document["components"]!["schemas"]!.DeepClone());
        var built = JsonSchema.Build(JsonSerializer.SerializeToElement(root),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://reporting.invalid/schemas/{Guid.NewGuid():N}"));
        var result = built.Evaluate(JsonSerializer.SerializeToElement(instance),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }
        var problems = (result.Details ?? []).Prepend(result)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid"];
    }

    /// <summary>The document's references to its components, as references to the $defs of a standalone schema.</summary>
    private static JsonNode Rebase(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && value!.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        o[key] = "#/$defs/" + value.GetValue<string>()["#/components/schemas/".Length..];
                    }
                    else if (value is not null)
                    {
                        Rebase(value);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Rebase(item);
                    }
                }
                break;
        }
        return node;
    }
}
