using System.Text.RegularExpressions;

namespace Reporting.Tests.Support;

/// <summary>Answers compared as a caller sees them.</summary>
public static partial class Answers
{
    /// <summary>
    /// An answer as the caller sees it: status, content headers and body, with the trace id (new on every request)
    /// taken out; two answers that tell the same are equal.
    /// </summary>
    public static async Task<string> AsSeenAsync(HttpResponseMessage response)
    {
        var body = TraceId().Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"…\"");
        var headers = string.Join("\n", response.Content.Headers.Select(h => $"{h.Key}: {string.Join(", ", h.Value)}").Order(StringComparer.Ordinal));
        return $"{(int)response.StatusCode}\n{headers}\n{body}";
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
