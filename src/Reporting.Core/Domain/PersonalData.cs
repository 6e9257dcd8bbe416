using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Domain;

/// <summary>
/// Recognises text that looks like personal data of a beneficiary: an e-mail address, a phone number, a Belgian
/// national register number or a bank account number. Free text holding such a value is refused, and the value is
/// never echoed back or logged.
/// </summary>
/// <remarks>
/// It looks at the text the way people type it. <see cref="Normalise"/> first folds what hides a value from a plain
/// pattern: full-width and other compatibility forms (NFKC), invisible characters, digits of other scripts, every
/// kind of space and dash. E-mail addresses are looked for also spelled out (<c>jan (at) example (dot) be</c>) and
/// with a domain of any script; IBANs in groups of four or not. Then the digits are read as groups, whatever
/// separates them (spaces, dashes, dots, slashes, underscores, brackets), and a run of groups is refused when it,
/// or a part of it, has the shape of a phone number (Belgian, or international with + or 00) or of a national
/// register number (eleven digits, YY.MM.DD-XXX.CC, whatever the check digits). Dates (<c>21/06/2022</c>,
/// <c>2022-10-04</c>, <c>12/05</c>) and hours (<c>9.30-12.30</c>) are set apart first, so that a date next to
/// an hour or another date is not taken for a phone number.
/// </remarks>
public static partial class PersonalData
{
    public const string EmailAddress = "an e-mail address";
    public const string PhoneNumber = "a phone number";
    public const string NationalNumber = "a national register number";
    public const string AccountNumber = "a bank account number";

    /// <summary>What the text seems to hold ("a phone number", …), or null when it looks like none of them.</summary>
    public static string? Find(string text)
    {
        var normalised = Normalise(text);
        if (Email().IsMatch(SpelledOut(normalised)))
        {
            return EmailAddress;
        }
        if (HasIban(normalised))
        {
            return AccountNumber;
        }
        foreach (var run in DigitRuns(normalised))
        {
            if (Classify(run) is { } kind)
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>
    /// The text as it reads: compatibility forms folded (NFKC: <c>＠</c> is <c>@</c>, <c>０</c> is <c>0</c>),
    /// invisible characters removed (format characters such as zero-width spaces, joiners and soft hyphens,
    /// combining marks left over, fillers), the digits of every script as ASCII digits, every space as one plain
    /// space and every dash or minus sign as <c>-</c>.
    /// </summary>
    public static string Normalise(string text)
    {
        // Removed before folding too, so that an invisible character does not keep two characters from composing.
        // Enumerating runes turns a lone surrogate (which cannot be normalised) into U+FFFD.
        var visible = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune, marks: false))
            {
                Append(visible, rune);
            }
        }
        var folded = visible.ToString().Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (IsInvisible(rune, marks: true))
            {
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                result.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.SpaceSeparator or UnicodeCategory.Control || rune.Value == 0x2800)
            {
                // Collapse every run of spaces into one.
                if (result.Length > 0 && result[^1] != ' ')
                {
                    result.Append(' ');
                }
            }
            else if (category == UnicodeCategory.DashPunctuation || rune.Value is 0x2212 or 0x2043 or 0x2796)
            {
                result.Append('-');
            }
            else
            {
                Append(result, rune);
            }
        }
        return result.ToString().Trim();
    }

    /// <summary>Characters that show nothing of their own: format characters, fillers, and (once composed) combining marks.</summary>
    private static bool IsInvisible(Rune rune, bool marks) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Format => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => marks,
            _ => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0,
        };

    private static void Append(StringBuilder builder, Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        builder.Append(chars[..rune.EncodeToUtf16(chars)]);
    }

    /// <summary>An e-mail address spelled out ("jan (at) example (dot) be", "jan [at] example.be") written with @ and dots.</summary>
    private static string SpelledOut(string text)
    {
        text = BracketedAt().Replace(text, "@");
        text = SpokenAt().Replace(text, "@");
        text = SpaceAfterAt().Replace(text, "@");
        text = BracketedDot().Replace(text, ".");
        return SpokenDot().Replace(text, ".");
    }

    [GeneratedRegex(@"\s*[(\[{<]\s*(?:at|a|@|arobase|apenstaartje|apestaartje)\s*[)\]}>]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BracketedAt();

    [GeneratedRegex(@"\s+(?:at|@|arobase|apenstaartje|apestaartje)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpokenAt();

    /// <summary>"jan@ example.be"; not " @example.be", which a handle on social media may be.</summary>
    [GeneratedRegex(@"(?<=\S)@\s+")]
    private static partial Regex SpaceAfterAt();

    [GeneratedRegex(@"\s*[(\[{<]\s*(?:dot|punt|point|\.)\s*[)\]}>]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BracketedDot();

    [GeneratedRegex(@"\s+(?:dot|punt)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpokenDot();

    /// <summary>An address with a domain of any script (<c>jan@café.be</c>) and a top-level domain of letters.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    /// <summary>An IBAN: a Belgian one (BE and 14 digits) whatever its check digits, another one when its check holds.</summary>
    private static bool HasIban(string text)
    {
        foreach (Match match in Iban().Matches(text.ToUpperInvariant()))
        {
            var compact = string.Concat(match.Value.Where(char.IsAsciiLetterOrDigit));
            if (compact.StartsWith("BE", StringComparison.Ordinal) ? compact.Length == 16 && compact[2..].All(char.IsAsciiDigit) : IbanCheckHolds(compact))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IbanCheckHolds(string iban)
    {
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    [GeneratedRegex(@"(?<![A-Z0-9])[A-Z]{2} ?[0-9]{2}(?:[ .-]?[A-Z0-9]{4}){2,7}(?:[ .-]?[A-Z0-9]{1,3})?(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    /// <summary>A group of digits, and whether a + stands right before it (an international number).</summary>
    private readonly record struct Group(string Digits, int Start, int End, bool Plus);

    /// <summary>At most this many separators between two groups of one run ("0470 - 12", "(02) 123").</summary>
    private const int MaxGap = 3;

    /// <summary>
    /// The runs of digit groups of the text: groups that only separators (spaces, dashes, dots, slashes,
    /// underscores, brackets) keep apart, split around the dates and hours they hold.
    /// </summary>
    private static IEnumerable<List<Group>> DigitRuns(string text)
    {
        var run = new List<Group>();
        foreach (var group in Groups(text))
        {
            if (run.Count > 0 && !OnlySeparators(text.AsSpan(run[^1].End, group.Start - run[^1].End)))
            {
                foreach (var part in WithoutDates(run, text))
                {
                    yield return part;
                }
                run = [];
            }
            run.Add(group);
        }
        foreach (var part in WithoutDates(run, text))
        {
            yield return part;
        }
    }

    private static IEnumerable<Group> Groups(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            // "+32 …" or "+ 32 …", where the + starts a word ("65+ 2022" is no phone number).
            var plus = start > 0 && text[start - 1] == '+' ? start - 1 : start > 1 && text[start - 1] == ' ' && text[start - 2] == '+' ? start - 2 : -1;
            var international = plus >= 0 && (plus == 0 || !char.IsLetterOrDigit(text[plus - 1]));
            yield return new Group(text[start..i], start, i, international);
        }
    }

    private static bool OnlySeparators(ReadOnlySpan<char> gap)
    {
        // "85,07,30-033,28", "0470'12'34'56": a comma or an apostrophe alone; "12, 13" is a list.
        if (gap is [',' or '\'' or '’'])
        {
            return true;
        }
        if (gap.Length is 0 or > MaxGap)
        {
            return false;
        }
        foreach (var c in gap)
        {
            if (!IsSeparator(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '.' or '/' or '\\' or '_' or '·' or '•' or '∙' or '‧' or '⁄' or '∕' or '。'
        || char.GetUnicodeCategory(c) is UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.ConnectorPunctuation;

    /// <summary>
    /// The parts of a run around its dates and hours: a day, a month and a four-digit year (<c>21/06/2022</c>,
    /// <c>2022-10-04</c>, one separator throughout), a day and a month that stand alone (<c>12/05</c>, not
    /// <c>05/07/30</c>), hours from and to (<c>9.30-12.30</c>).
    /// </summary>
    private static IEnumerable<List<Group>> WithoutDates(List<Group> run, string text)
    {
        var part = new List<Group>();
        for (var i = 0; i < run.Count; i++)
        {
            var length = i + 3 < run.Count && IsTimeRange(run, i, text) ? 4
                : i + 2 < run.Count && IsDate(run[i], run[i + 1], run[i + 2], text) ? 3
                : i + 1 < run.Count && IsDayAndMonth(run, i, text) ? 2
                : 0;
            if (length == 0)
            {
                part.Add(run[i]);
                continue;
            }
            if (part.Count > 0)
            {
                yield return part;
            }
            part = [];
            i += length - 1;
        }
        if (part.Count > 0)
        {
            yield return part;
        }
    }

    private static bool IsDate(Group a, Group b, Group c, string text) =>
        a.End + 1 == b.Start && b.End + 1 == c.Start && text[a.End] == text[b.End] && text[a.End] is '/' or '.' or '-'
        && ((IsDay(a) && IsMonth(b) && IsYear(c.Digits)) || (IsYear(a.Digits) && IsMonth(b) && IsDay(c)));

    /// <summary>Groups i and i + 1 are a day and a month written d/m, with no slash before or after them.</summary>
    private static bool IsDayAndMonth(List<Group> run, int i, string text)
    {
        var (day, month) = (run[i], run[i + 1]);
        return day.End + 1 == month.Start && text[day.End] == '/' && IsDay(day) && IsMonth(month)
            && (day.Start == 0 || text[day.Start - 1] != '/') && (month.End == text.Length || text[month.End] != '/');
    }

    /// <summary>Groups i to i + 3 are hours written 9.30-12.30 (or 09.30 - 12.30).</summary>
    private static bool IsTimeRange(List<Group> run, int i, string text)
    {
        var (from, fromMinutes, to, toMinutes) = (run[i], run[i + 1], run[i + 2], run[i + 3]);
        var between = text.AsSpan(fromMinutes.End, to.Start - fromMinutes.End);
        return IsHour(from) && IsMinutes(fromMinutes) && IsHour(to) && IsMinutes(toMinutes)
            && text[from.End] == '.' && from.End + 1 == fromMinutes.Start && text[to.End] == '.' && to.End + 1 == toMinutes.Start
            && between.Trim(' ') is "-";

        static bool IsHour(Group g) => g.Digits.Length <= 2 && int.Parse(g.Digits, CultureInfo.InvariantCulture) <= 24;
        static bool IsMinutes(Group g) => g.Digits.Length == 2 && int.Parse(g.Digits, CultureInfo.InvariantCulture) <= 59;
    }

    private static bool IsDay(Group g) => g.Digits.Length <= 2 && int.Parse(g.Digits, CultureInfo.InvariantCulture) is >= 1 and <= 31;

    private static bool IsMonth(Group g) => g.Digits.Length <= 2 && int.Parse(g.Digits, CultureInfo.InvariantCulture) is >= 1 and <= 12;

    private static bool IsYear(string digits) => digits.Length == 4 && digits[..2] is "19" or "20";

    /// <summary>Consecutive groups of a run: their digits, where the groups meet (offsets in the digits), whether a + stands before them.</summary>
    private readonly record struct Window(string Digits, List<int> Cuts, bool Plus)
    {
        public int FirstGroup => Cuts.Count == 0 ? Digits.Length : Cuts[0];
    }

    /// <summary>
    /// What a run of digit groups looks like: each kind is looked for in every part of the run made of whole
    /// groups (a number may stand after a year or a postcode), then the run as a whole is looked at.
    /// </summary>
    private static string? Classify(List<Group> run)
    {
        var windows = new List<Window>();
        for (var i = 0; i < run.Count; i++)
        {
            var digits = "";
            var cuts = new List<int>();
            for (var j = i; j < run.Count && digits.Length <= 17; j++)
            {
                if (j > i)
                {
                    cuts.Add(digits.Length);
                }
                digits += run[j].Digits;
                windows.Add(new Window(digits, [.. cuts], run[i].Plus));
            }
        }
        // International: +32 470 12 34 56, +33 6 12 34 56 78, 0032 2 123 45 67 (00 and the country code together,
        // "14.00-16.00 / 12.00" is no number).
        if (windows.Exists(w => (w.Plus && w.Digits.Length is >= 9 and <= 15)
            || (w.Digits.Length is >= 11 and <= 17 && w.FirstGroup >= 4 && w.Digits.StartsWith("00", StringComparison.Ordinal) && w.Digits[2] != '0')))
        {
            return PhoneNumber;
        }
        // YY.MM.DD-XXX.CC, grouped as it is written or not at all, whatever its check digits.
        if (windows.Exists(w => w.Digits.Length == 11 && w.Cuts.TrueForAll(c => c is 2 or 4 or 6 or 9)))
        {
            return NationalNumber;
        }
        // A Belgian mobile (0470 12 34 56) or landline (02 123 45 67, 010 12 34 56) number.
        if (windows.Exists(w => (w.Digits.Length == 10 && w.Digits.StartsWith("04", StringComparison.Ordinal)) || (w.Digits.Length == 9 && w.Digits[0] == '0' && w.Digits[1] != '0')))
        {
            return PhoneNumber;
        }
        // The old Belgian account number 539-0075470-34.
        if (windows.Exists(w => w.Digits.Length == 12 && ((w.Cuts is [3, 10]) || (w.Cuts.Count == 0 && AccountCheckHolds(w.Digits)))))
        {
            return AccountNumber;
        }
        // All of the run: 32 470 12 34 56 (the + forgotten), a national number of another country (06 12 34 56 78),
        // nine or ten digits in groups of two or more that are no years (470 12 34 56), any eleven digits.
        var d = string.Concat(run.Select(g => g.Digits));
        if (BelgianWithoutPlus().IsMatch(d)
            || (d.Length is 9 or 10 && d[0] == '0' && d[1] != '0')
            || (d.Length is 9 or 10 && run.TrueForAll(g => g.Digits.Length >= 2 && !IsYear(g.Digits))))
        {
            return PhoneNumber;
        }
        return d.Length == 11 ? NationalNumber : null;
    }

    [GeneratedRegex("^320?[1-9][0-9]{7,8}$")]
    private static partial Regex BelgianWithoutPlus();

    /// <summary>The check of an old Belgian account number: the first ten digits mod 97 (97 for 0) are the last two.</summary>
    private static bool AccountCheckHolds(string digits)
    {
        var remainder = (int)(long.Parse(digits[..10], CultureInfo.InvariantCulture) % 97);
        return (remainder == 0 ? 97 : remainder) == int.Parse(digits[10..], CultureInfo.InvariantCulture);
    }
}
