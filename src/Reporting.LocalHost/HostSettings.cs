using System.Globalization;
using System.Text.Json.Nodes;

namespace Reporting.LocalHost;

/// <summary>
/// What the local host takes from the app's <c>host.json</c>, as the Functions host does: the queue trigger's
/// semantics (how many times a message is tried before it goes to the poison queue, how long a failed one stays
/// invisible, how long an idle queue waits between polls).
/// </summary>
internal sealed record HostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval)
{
    /// <summary>The Functions host's defaults when host.json says nothing.</summary>
    public static HostSettings Defaults { get; } = new(5, TimeSpan.Zero, TimeSpan.FromMinutes(1));

    public static HostSettings Read(string path)
    {
        if (!File.Exists(path))
        {
            return Defaults;
        }
        var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
        if (queues is null)
        {
            return Defaults;
        }
        return new HostSettings(
            queues["maxDequeueCount"]?.GetValue<int>() ?? Defaults.MaxDequeueCount,
            Span(queues["visibilityTimeout"]) ?? Defaults.VisibilityTimeout,
            Span(queues["maxPollingInterval"]) ?? Defaults.MaxPollingInterval);
    }

    private static TimeSpan? Span(JsonNode? value) =>
        value is null ? null : TimeSpan.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture);
}
