using System.Text.Json.Nodes;
using Reporting.Access;

namespace Reporting.ApiDescription;

/// <summary>
/// What the description says of one HTTP function beyond its method and route (which come from its attributes):
/// who may call it, what it takes and what it answers. The answers every gated function shares (401, 403, 429,
/// 503) are added from what the gate does.
/// </summary>
internal sealed class Operation(string tag, string summary, string description, IReadOnlyCollection<Role>? roles)
{
    private readonly List<JsonObject> _parameters = [];
    private readonly Dictionary<string, (JsonObject Schema, string Description)> _pathParameters = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonObject> _responses = new(StringComparer.Ordinal);
    private JsonObject? _body;
    private bool _storage = true;

    public string Tag => tag;

    /// <summary>A function anyone may call (no credential needed).</summary>
    public static Operation Anyone(string tag, string summary, string description) => new(tag, summary, description, null);

    public static Operation For(string tag, string summary, string description, params Role[] roles) => new(tag, summary, description, roles);

    /// <summary>The function does not touch storage: it never answers 503.</summary>
    public Operation WithoutStorage()
    {
        _storage = false;
        return this;
    }

    public Operation Body(string schema, string description)
    {
        _body = new JsonObject
        {
            ["required"] = true,
            ["description"] = description,
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ApiSchemas.Ref(schema) } },
        };
        return this;
    }

    public Operation Query(string name, JsonObject schema, string description, bool required = false) => Parameter(name, "query", schema, description, required);

    /// <summary>What a parameter of the route takes (by default: any string).</summary>
    public Operation Path(string name, JsonObject schema, string description)
    {
        _pathParameters[name] = (schema, description);
        return this;
    }

    public Operation Header(string name, string description, bool required) =>
        Parameter(name, "header", new JsonObject { ["type"] = "string" }, description, required);

    private Operation Parameter(string name, string where, JsonObject schema, string description, bool required)
    {
        _parameters.Add(new JsonObject
        {
            ["name"] = name,
            ["in"] = where,
            ["required"] = required,
            ["description"] = description,
            ["schema"] = schema,
        });
        return this;
    }

    /// <summary>An answer with a JSON body of a schema (or none), and the headers it carries.</summary>
    public Operation Answer(int status, string description, string? schema = null, params string[] headers) =>
        Respond(status, description, schema is null ? null : new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ApiSchemas.Ref(schema) } }, headers);

    /// <summary>An answer of another media type (a workbook, a page, a script).</summary>
    public Operation Media(int status, string description, string mediaType, JsonObject schema, params string[] headers) =>
        Respond(status, description, new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } }, headers);

    /// <summary>A problem+json answer (400: a validation problem).</summary>
    public Operation Problem(int status, string description, params string[] headers) =>
        Respond(status, description, new JsonObject
        {
            ["application/problem+json"] = new JsonObject { ["schema"] = ApiSchemas.Ref(status == 400 ? ApiSchemas.ValidationProblem : ApiSchemas.Problem) },
        }, [.. headers, "Content-Language"]);

    private Operation Respond(int status, string description, JsonObject? content, string[] headers)
    {
        var response = new JsonObject { ["description"] = description };
        if (headers.Length > 0)
        {
            response["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h, (JsonNode?)ApiHeaders.Ref(h))));
        }
        if (content is not null)
        {
            response["content"] = content;
        }
        _responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        return this;
    }

    /// <summary>The OpenAPI operation of the function <paramref name="function"/>, at its route.</summary>
    public JsonObject ToJson(HttpFunction function)
    {
        if (roles is not null)
        {
            AddIfMissing(401, () => Problem(401, "No API key, or an unknown one (WWW-Authenticate names the header).", "WWW-Authenticate"));
            AddIfMissing(403, () => Problem(403, $"The caller's role may not call this function (it is for: {RoleNames()})."));
        }
        AddIfMissing(429, () => Problem(429, "The caller's request budget for this minute is spent; send again after Retry-After seconds.", "Retry-After"));
        if (_storage)
        {
            AddIfMissing(503, () => Problem(503, "Storage did not answer; nothing was stored half. Send the same request again after Retry-After seconds.", "Retry-After"));
        }
        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["tags"] = RecordSchemas.Strings([tag]),
            ["summary"] = summary,
            ["description"] = roles is null ? description : $"{description}\n\nMay call it: {RoleNames()}.",
        };
        var parameters = function.PathParameters.Select(p =>
        {
            var parameter = new JsonObject { ["name"] = p, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
            if (_pathParameters.TryGetValue(p, out var described))
            {
                parameter["description"] = described.Description;
                parameter["schema"] = described.Schema.DeepClone();
            }
            return parameter;
        }).Concat(_parameters.Select(p => p.DeepClone().AsObject())).ToList();
        if (parameters.Count > 0)
        {
            operation["parameters"] = new JsonArray([.. parameters]);
        }
        if (_body is not null)
        {
            operation["requestBody"] = _body.DeepClone();
        }
        operation["responses"] = new JsonObject(_responses.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value.DeepClone())));
        if (roles is null)
        {
            // No credential needed; one sent still counts against its budget.
            operation["security"] = new JsonArray(new JsonObject(), new JsonObject { [ApiDocument.ApiKeyScheme] = new JsonArray() });
        }
        return operation;
    }

    private void AddIfMissing(int status, Action add)
    {
        if (!_responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            add();
        }
    }

    private string RoleNames() => string.Join(", ", roles!.Select(r => r switch
    {
        Role.FieldWorker => "field worker",
        _ => r.ToString().ToLowerInvariant(),
    }));
}

/// <summary>The response headers the description names, as components.</summary>
internal static class ApiHeaders
{
    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/headers/" + name };

    public static JsonObject All() => new()
    {
        ["ETag"] = Header("The stored record's version: send it back in If-Match to correct the record."),
        ["Location"] = Header("Where the created record, or the requested report's status, is read."),
        ["Retry-After"] = Header("Seconds to wait before sending the same request again.", "integer"),
        ["WWW-Authenticate"] = Header("ApiKey header=\"X-Api-Key\"."),
        ["Content-Security-Policy"] = Header("The pages' policy: scripts, styles and calls of this origin only."),
        ["Content-Disposition"] = Header("attachment, with the file's name (Reporting_BAR_2022-03_nl.xlsx, BAR-2022-Q1-entries.csv)."),
        ["Content-Language"] = Header("The language of the problem's words (nl, fr or en), as Accept-Language asked; en otherwise."),
    };

    private static JsonObject Header(string description, string type = "string") => new()
    {
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type },
    };
}
