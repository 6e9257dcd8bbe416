using System.Text.RegularExpressions;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>requests.http holds every request the README shows with curl (method and path), so both can be replayed.</summary>
public sealed partial class RequestsFileTests
{
    [Fact]
    public void EveryCurlRequestOfTheReadmeIsInRequestsHttp()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var requests = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "requests.http"));

        var shown = Curl().Matches(readme)
            .Select(m => $"{(m.Groups["method"].Success ? m.Groups["method"].Value : "GET")} {m.Groups["path"].Value}")
            .ToHashSet(StringComparer.Ordinal);
        var held = Request().Matches(requests).Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}").ToHashSet(StringComparer.Ordinal);

        Assert.True(shown.Count >= 10, string.Join("\n", shown));
        Assert.Empty(shown.Except(held));
    }

    [GeneratedRegex(@"curl [^\n]*?(-X (?<method>[A-Z]+) [^\n]*?)?'?http://127\.0\.0\.1:7071(?<path>/api/[^\s'""|]*)")]
    private static partial Regex Curl();

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|DELETE) \{\{base\}\}(?<path>/api/\S*)", RegexOptions.Multiline)]
    private static partial Regex Request();
}
