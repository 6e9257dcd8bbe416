namespace Reporting.Tests.Support;

/// <summary>One request of requests.http: its name (<c># @name</c>), method, URL (with variables), headers and body.</summary>
public sealed record HttpExample(string? Name, string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body, int Line)
{
    /// <summary>The path and query below <c>{{base}}</c>.</summary>
    public string PathAndQuery => Url.StartsWith("{{base}}", StringComparison.Ordinal) ? Url["{{base}}".Length..] : Url;

    public string Path => PathAndQuery.Split('?')[0];

    public IReadOnlyList<string> QueryNames => PathAndQuery.Contains('?', StringComparison.Ordinal)
        ? [.. PathAndQuery.Split('?', 2)[1].Split('&').Select(p => Uri.UnescapeDataString(p.Split('=')[0]))]
        : [];

    public override string ToString() => $"{Method} {PathAndQuery} (line {Line})";
}

/// <summary>
/// Reads a .http file as the VS Code REST Client and the JetBrains HTTP client do: requests separated by lines
/// starting with ###, comments (# or //) and <c># @name</c> before the request line, headers up to the first blank
/// line, the body after it.
/// </summary>
public static class RequestsFile
{
    public static IReadOnlyList<HttpExample> Read(string path) => Parse(File.ReadAllLines(path));

    public static IReadOnlyList<HttpExample> Parse(IReadOnlyList<string> lines)
    {
        var examples = new List<HttpExample>();
        var start = 0;
        for (var i = 0; i <= lines.Count; i++)
        {
            if (i == lines.Count || lines[i].StartsWith("###", StringComparison.Ordinal))
            {
                if (Block(lines, start, i) is { } example)
                {
                    examples.Add(example);
                }
                start = i + 1;
            }
        }
        return examples;
    }

    private static HttpExample? Block(IReadOnlyList<string> lines, int from, int to)
    {
        string? name = null;
        var i = from;
        for (; i < to; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("# @name ", StringComparison.Ordinal) || line.StartsWith("// @name ", StringComparison.Ordinal))
            {
                name = line[(line.IndexOf("@name ", StringComparison.Ordinal) + 6)..].Trim();
            }
            else if (line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith('@'))
            {
                break;
            }
        }
        if (i == to)
        {
            return null;
        }
        var requestLine = lines[i].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length < 2)
        {
            throw new FormatException($"Line {i + 1}: expected METHOD URL, found \"{lines[i]}\".");
        }
        var number = i + 1;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (i++; i < to && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Line {i + 1}: expected a header, found \"{lines[i]}\".");
            }
            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }
        var body = string.Join('\n', lines.Skip(i).Take(to - i)
            .Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal))).Trim();
        return new HttpExample(name, requestLine[0], requestLine[1], headers, body.Length == 0 ? null : body, number);
    }
}
