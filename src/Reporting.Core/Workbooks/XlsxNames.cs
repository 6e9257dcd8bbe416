using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Workbooks;

/// <summary>Turns the names of the spec into names Excel accepts: sheet names, table names and table column names.</summary>
internal static partial class XlsxNames
{
    private const int MaxSheetName = 31;
    private const int MaxTableName = 255;
    private const int MaxColumnName = 255;

    /// <summary>
    /// A sheet name Excel accepts, not yet in <paramref name="taken"/> (compared case-insensitively), which it is
    /// added to: at most 31 characters, none of <c>[]:*?/\</c>, no apostrophe at either end, not "History".
    /// </summary>
    public static string Sheet(string name, ISet<string> taken, int position)
    {
        var builder = new StringBuilder();
        foreach (var c in XlsxText.StripInvalidXml(name))
        {
            builder.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? ' ' : c);
        }
        var clean = Collapse(builder.ToString()).Trim('\'', ' ');
        if (clean.Length == 0)
        {
            clean = "Sheet" + position.ToString(CultureInfo.InvariantCulture);
        }
        if (clean.Equals("History", StringComparison.OrdinalIgnoreCase))
        {
            clean += " 1";
        }
        return Unique(clean, MaxSheetName, taken, n => $" ({n})");
    }

    /// <summary>
    /// A table name Excel accepts, not yet in <paramref name="taken"/> (case-insensitively), which it is added to:
    /// letters, digits and underscores, starting with a letter, and not readable as a cell reference or a boolean.
    /// </summary>
    public static string Table(string name, ISet<string> taken)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }
        var clean = builder.ToString().Trim('_');
        if (clean.Length == 0)
        {
            clean = "Table";
        }
        else if (!char.IsAsciiLetter(clean[0]) || LooksLikeReference().IsMatch(clean)
            || clean.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || clean.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            clean = "Table_" + clean;
        }
        return Unique(clean, MaxTableName, taken, n => "_" + n.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The header texts of a table as its column names: cleaned for XML, on one line, never empty, and unique
    /// within the table (case-insensitively), "Count", "Count 2"... The header cells show these same texts.
    /// </summary>
    public static IReadOnlyList<string> Columns(IEnumerable<string> headers)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var header in headers)
        {
            var clean = Collapse(XlsxText.StripInvalidXml(header ?? string.Empty).Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ')).Trim();
            if (clean.Length == 0)
            {
                clean = "Column" + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
            }
            names.Add(Unique(clean, MaxColumnName, taken, n => " " + n.ToString(CultureInfo.InvariantCulture)));
        }
        return names;
    }

    private static string Unique(string name, int maxLength, ISet<string> taken, Func<int, string> suffix)
    {
        var candidate = Cut(name, maxLength);
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var tail = suffix(n);
            candidate = Cut(name, maxLength - tail.Length).TrimEnd() + tail;
        }
        return candidate;
    }

    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text[..maxLength];
        return char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
    }

    private static string Collapse(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>Names Excel would read as a cell reference (A1, XFD1048576) or in R1C1 notation (R, C, R1C1, RC2).</summary>
    [GeneratedRegex("^([A-Za-z]{1,3}[0-9]+|[RrCc]|[Rr][0-9]*[Cc][0-9]*|[Rr][0-9]+|[Cc][0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeReference();
}
