namespace Reporting.Hosting;

/// <summary>An HTTP function: its name in the Functions host, its method and its route below <c>/api</c>.</summary>
public sealed record HttpFunction(string Name, string Method, string Route)
{
    public string Path => "/" + FunctionCatalog.RoutePrefix + "/" + Route;
}

/// <summary>
/// The one table that names the service's functions. The app maps its endpoints from it, and the deployment's
/// <c>function.json</c> files are produced from it (<see cref="FunctionMetadata"/>), so the two cannot drift apart.
/// </summary>
public static class FunctionCatalog
{
    public const string RoutePrefix = "api";

    public static readonly HttpFunction PostEntry = new("PostEntry", "POST", "entries");
    public static readonly HttpFunction PostEntryBatch = new("PostEntryBatch", "POST", "entries/batch");
    public static readonly HttpFunction GetEntry = new("GetEntry", "GET", "entries/{id}");
    public static readonly HttpFunction PutEntry = new("PutEntry", "PUT", "entries/{id}");
    public static readonly HttpFunction PostActivity = new("PostActivity", "POST", "activities");
    public static readonly HttpFunction PostActivityBatch = new("PostActivityBatch", "POST", "activities/batch");
    public static readonly HttpFunction GetActivity = new("GetActivity", "GET", "activities/{id}");
    public static readonly HttpFunction PutActivity = new("PutActivity", "PUT", "activities/{id}");
    public static readonly HttpFunction GetReference = new("GetReference", "GET", "reference");
    public static readonly HttpFunction GetHealth = new("GetHealth", "GET", "health");

    public static IReadOnlyList<HttpFunction> Http { get; } =
    [
        PostEntry, PostEntryBatch, GetEntry, PutEntry,
        PostActivity, PostActivityBatch, GetActivity, PutActivity,
        GetReference, GetHealth,
    ];
}
