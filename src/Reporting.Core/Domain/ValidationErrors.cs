namespace Reporting.Domain;

/// <summary>
/// Every problem found in one input, keyed by the JSON path of the field at fault. Paths and messages are the
/// service's own words: they name fields of the contract and valid codes, never other text the caller sent. Messages
/// are kept as <see cref="Message"/>s and said in the caller's language when the answer is made (paths stay as they
/// are in every language: clients key on them). An
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

    private readonly List<(string Path, Message Message)> _listed = [];
    private int _unlisted;

    public bool IsEmpty => Count == 0;

    /// <summary>Every problem found, listed or not.</summary>
    public int Count => _listed.Count + _unlisted;

    public void Add(string path, Message message)
    {
        if (_listed.Count >= MaxListed)
        {
            _unlisted++;
            return;
        }
        _listed.Add((Bounded(path), message));
    }

    /// <summary>The problems listed, by path, not yet in words.</summary>
    public IEnumerable<(string Path, Message Message)> Listed => _listed;

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
        var properties = string.Join(", ", known);
        var listed = string.Join(", ", positions.Take(shown));
        Add(objectPath, positions.Count == 1 ? Texts.UnknownProperty.With(positions[0], properties)
            : positions.Count > shown ? Texts.UnknownPropertiesAndMore.With(listed, positions.Count - shown, properties)
            : Texts.UnknownProperties.With(listed, properties));
    }

    /// <summary>The problems by path, in English.</summary>
    public Dictionary<string, string[]> ToDictionary() => ToDictionary(MaxListed, ReportLanguage.En);

    /// <summary>The problems by path, in <paramref name="language"/>.</summary>
    public Dictionary<string, string[]> ToDictionary(ReportLanguage language) => ToDictionary(MaxListed, language);

    /// <summary>
    /// The first <paramref name="limit"/> problems by path in <paramref name="language"/>, and how many are not
    /// listed (under <c>$</c>).
    /// </summary>
    public Dictionary<string, string[]> ToDictionary(int limit, ReportLanguage language)
    {
        var shown = _listed.Take(Math.Max(0, limit)).ToList();
        var errors = shown.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Bounded(e.Message.In(language))).ToArray(), StringComparer.Ordinal);
        var more = Count - shown.Count;
        if (more > 0)
        {
            Message note = (shown.Count == 0, more == 1) switch
            {
                (true, true) => Texts.OneNotListedFull,
                (true, false) => Texts.NotListedFull.With(more),
                (false, true) => Texts.OneMoreNotListed,
                (false, false) => Texts.MoreNotListed.With(more),
            };
            var text = note.In(language);
            errors[WholePath] = errors.TryGetValue(WholePath, out var whole) ? [.. whole, text] : [text];
        }
        return errors;
    }

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
