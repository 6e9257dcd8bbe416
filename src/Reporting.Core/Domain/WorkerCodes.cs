using System.Text.RegularExpressions;

namespace Reporting.Domain;

/// <summary>
/// A worker code is pseudonymous and has the programme's shape: the programme's code, a dash and 1 to 4 digits
/// (<c>BAR-07</c>, <c>CHW-3</c>, <c>PGBM-12</c>, <c>GA-101</c>), uppercase and in ASCII as written, the programme
/// part equal to the record's programme. Nothing else fits, so no name or phone number can be stored as one.
/// </summary>
public static partial class WorkerCodes
{
    public const int MaxDigits = 4;

    private const int MaxLookedInto = 64;

    /// <summary>
    /// Why <paramref name="code"/> is no worker code of a record of <paramref name="programme"/>, or null when it
    /// is one. Without a (valid) programme only the shape is checked. The message never repeats the code.
    /// </summary>
    public static Message? Problem(string code, string? programme)
    {
        var match = Shape().Match(code);
        if (match.Success && (programme is null || match.Groups["programme"].Value == programme))
        {
            return null;
        }
        var rule = Rule(programme);
        // A list item is not limited in length: only what could have been meant as a code is looked into.
        return code.Length <= MaxLookedInto && PersonalData.Find(code) is { } kind ? Texts.CodeHoldsPersonalData.With(Texts.PersonalDataKind(kind), rule) : rule;
    }

    /// <summary>What to send: the programme's code, a dash and a number.</summary>
    public static Message Rule(string? programme) => programme is null
        ? Texts.WorkerCode.With(MaxDigits)
        : Texts.WorkerCodeOf.With(programme, MaxDigits);

    // ASCII only ([A-Z], [0-9]: \d would take any script's digits) and \z (a $ would let a final line feed through).
    [GeneratedRegex(@"^(?<programme>[A-Z]{2,6})-[0-9]{1,4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
