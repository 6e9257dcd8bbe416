namespace Reporting.Domain;

/// <summary>
/// Every problem found in one input, keyed by the JSON path of the field at fault. Paths and messages are the
/// service's own words: they name fields of the contract and valid codes, never other text the caller sent. An
/// answer stays small whatever was sent: at most <see cref="MaxListed"/> problems are listed, then one entry
/// under <c>$</c> says how many more there are, and no path or message is longer than <see cref="MaxTextLength"/>.
/// </summary>
public sealed class ValidationErrors
{
    /// <summary>The most problems one input lists; the rest are counted.</summary>
    public const int MaxListed = 20;

    /// <summary>The longest path or message an answer holds.</summary>
    public const int MaxTextLength = 300;

    /// <summary>Where the problems of an input as a whole go, and the count of those not listed.</summary>
    public const string WholePath = "$";

    private readonly List<(string Path, string Message)> _listed = [];
    private int _unlisted;

    public bool IsEmpty => Count == 0;

    /// <summary>Every problem found, listed or not.</summary>
    public int Count => _listed.Count + _unlisted;

    public void Add(string path, string message)
    {
        if (_listed.Count >= MaxListed)
        {
            _unlisted++;
            return;
        }
        _listed.Add((Bounded(path), Bounded(message)));
    }

    /// <summary>
    /// One problem for the properties of an object that are not part of its contract: where they are (their
    /// positions among the object's properties, counted from 1), never their names, which could hold anything;
    /// and which properties the object may have.
    /// </summary>
    public void AddUnknownProperties(string objectPath, IReadOnlyList<int> positions, IEnumerable<string> known)
    {
        if (positions.Count == 0)
        {
            return;
        }
        const int shown = 5;
        var where = positions.Count == 1
            ? $"Unknown property at position {positions[0]}"
            : $"Unknown properties at positions {string.Join(", ", positions.Take(shown))}" + (positions.Count > shown ? $" and {positions.Count - shown} more" : "");
        Add(objectPath, $"{where} (counted from 1); the properties are: {string.Join(", ", known)}.");
    }

    public Dictionary<string, string[]> ToDictionary() => ToDictionary(MaxListed);

    /// <summary>The first <paramref name="limit"/> problems by path, and how many are not listed (under <c>$</c>).</summary>
    public Dictionary<string, string[]> ToDictionary(int limit)
    {
        var shown = _listed.Take(Math.Max(0, limit)).ToList();
        var errors = shown.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var more = Count - shown.Count;
        if (more > 0)
        {
            var note = shown.Count == 0
                ? $"{more} {Problems(more)} not listed (this answer is full); correct the others, send again, and these are listed."
                : $"…and {more} more {Problems(more)} not listed; correct those listed and send again.";
            errors[WholePath] = errors.TryGetValue(WholePath, out var whole) ? [.. whole, note] : [note];
        }
        return errors;
    }

    private static string Problems(int count) => count == 1 ? "problem" : "problems";

    private static string Bounded(string text)
    {
        if (text.Length <= MaxTextLength)
        {
            return text;
        }
        var cut = MaxTextLength - 1;
        return text[..(char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut)] + "…";
    }
}
