using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reporting.Functions;

/// <summary>
/// Writes the Azure Functions deployment layout of the custom handler: one <c>{Name}/function.json</c> per
/// function in <see cref="FunctionCatalog"/>. Run by the publish step (<c>Reporting --write-functions DIR</c>).
/// </summary>
internal static class FunctionMetadata
{
    public const string Command = "--write-functions";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject For(HttpFunction function) => new()
    {
        ["bindings"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "httpTrigger",
                ["authLevel"] = "anonymous",
                ["direction"] = "in",
                ["name"] = "req",
                ["methods"] = new JsonArray(function.Method.ToLowerInvariant()),
                ["route"] = function.Route,
            },
            new JsonObject
            {
                ["type"] = "http",
                ["direction"] = "out",
                ["name"] = "res",
            }),
    };

    public static JsonObject For(TimerFunction function) => new()
    {
        ["bindings"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = "timer",
                ["schedule"] = function.Schedule,
                ["runOnStartup"] = false,
                ["useMonitor"] = true,
            }),
    };

    public static void Write(string directory)
    {
        var files = FunctionCatalog.Http.Select(f => (f.Name, Json: For(f)))
            .Concat(FunctionCatalog.Timers.Select(f => (f.Name, Json: For(f))));
        foreach (var (name, json) in files)
        {
            var folder = Path.Combine(directory, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), json.ToJsonString(Indented) + "\n");
        }
    }

    /// <summary>Handles <c>--write-functions DIR</c>; true when it did (the process should then exit).</summary>
    public static bool TryRun(string[] args)
    {
        var at = Array.IndexOf(args, Command);
        if (at < 0)
        {
            return false;
        }
        if (at + 1 >= args.Length)
        {
            throw new ArgumentException($"{Command} needs the folder to write the function folders in.");
        }
        Write(args[at + 1]);
        return true;
    }
}
