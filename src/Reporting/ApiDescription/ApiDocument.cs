using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Ingestion;

namespace Reporting.ApiDescription;

/// <summary>One HTTP function as its attributes declare it (as the Functions SDK reads them into functions.metadata).</summary>
internal sealed partial record HttpFunction(string Name, string Method, string Route)
{
    /// <summary>
    /// The path below the host's route prefix (host.json: api). A catch-all route parameter (<c>{*path}</c>) is an
    /// ordinary one in OpenAPI.
    /// </summary>
    public string Path => "/api/" + Route.Replace("{*", "{", StringComparison.Ordinal);

    public IEnumerable<string> PathParameters => RouteParameter().Matches(Route).Select(m => m.Groups[1].Value);

    /// <summary>Every [Function] with an [HttpTrigger] of an assembly, one per method it answers.</summary>
    public static IReadOnlyList<HttpFunction> Of(Assembly assembly) =>
    [
        .. from type in assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           from parameter in method.GetParameters()
           let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
           where trigger is not null
           from verb in trigger.Methods ?? ["get", "post"]
           select new HttpFunction(function.Name, verb.ToLowerInvariant(), trigger.Route ?? function.Name),
    ];

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

/// <summary>
/// The OpenAPI 3.1 description of every HTTP function, served at <c>GET /api/openapi.json</c>. Functions are not
/// endpoints the ASP.NET Core API explorer sees (the Functions host routes them), so the document is put together
/// here, the same under the Functions host and the local host: paths and methods from the functions' attributes,
/// what each takes and answers from <see cref="ApiOperations"/>, schemas from <see cref="ApiSchemas"/>. Built once.
/// </summary>
internal sealed class ApiDocument(ReferenceData reference, IOptions<IngestionOptions> ingestion, IOptions<JsonOptions> json)
{
    public const string ApiKeyScheme = "apiKey";

    private readonly Lazy<byte[]> _utf8 = new(() => JsonSerializer.SerializeToUtf8Bytes(
        Build(HttpFunction.Of(typeof(ApiDocument).Assembly), reference, ingestion.Value.MaxBatchRecords, json.Value.SerializerOptions),
        Indented));

    // The document is served as JSON only, never inside HTML: no need to escape +, <, > or non-ASCII letters.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] Utf8 => _utf8.Value;

    public static JsonObject Build(IReadOnlyList<HttpFunction> functions, ReferenceData reference, int maxBatchRecords, JsonSerializerOptions answers)
    {
        var operations = ApiOperations.All(reference);
        var unknown = operations.Keys.Except(functions.Select(f => f.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"The API description names functions that do not exist: {string.Join(", ", unknown)}.");
        }
        var paths = new JsonObject();
        foreach (var function in functions.Where(f => operations.ContainsKey(f.Name)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (paths[function.Path] is not JsonObject item)
            {
                paths[function.Path] = item = [];
            }
            item[function.Method] = operations[function.Name].ToJson(function);
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Reporting",
                ["version"] = reference.Version,
                ["description"] = """
                    Field forms of the Brussels outreach programmes (BAR, CHW, PGBM, GA) post logbook entries and collective
                    activities; coordinators correct and erase them and ask for .xlsx reports, which funders download.
                    Records are pseudonymous: no names, register numbers, addresses, phone numbers or e-mails.

                    JSON in camelCase, dates yyyy-MM-dd. Every refusal is application/problem+json; invalid input answers 400
                    with errors keyed by the JSON path of every invalid field. Codes are those of GET /api/reference (the
                    version of this description is the reference data's). A problem's title, detail and messages are in
                    Dutch, French or English as Accept-Language asks (q-values honoured; English otherwise), said in
                    Content-Language; its status, type and the keys of errors are the same in every language.

                    Callers send an API key in X-Api-Key (deployed behind App Service authentication, the platform's
                    principal instead). A stored record or report the caller may not see answers 404, as one that does not
                    exist.
                    """,
            },
            ["tags"] = new JsonArray([.. operations.Values.Select(o => o.Tag).Distinct().Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
            ["security"] = new JsonArray(new JsonObject { [ApiKeyScheme] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = ApiSchemas.All(reference, maxBatchRecords, answers),
                ["headers"] = ApiHeaders.All(),
                ["securitySchemes"] = new JsonObject
                {
                    [ApiKeyScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = Access.AccessOptions.ApiKeyHeader,
                        ["description"] = "An API key; each is configured with a role (field worker, coordinator, funder), its programmes and, for a field worker, a worker code.",
                    },
                },
            },
        };
    }
}
