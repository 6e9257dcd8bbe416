using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.Domain;

/// <summary>
/// Recognises text that looks like personal data of a beneficiary: an e-mail address, a phone number, or a
/// Belgian national register number (checked with its mod-97 check digits). Free text holding such a value is
/// refused, and the value is never echoed back or logged.
/// </summary>
public static partial class PersonalData
{
    public static string? Find(string text)
    {
        if (Email().IsMatch(text))
        {
            return "an e-mail address";
        }
        foreach (Match match in ElevenDigits().Matches(text))
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 11 && IsNationalNumber(digits))
            {
                return "a national register number";
            }
        }
        foreach (Match match in Phone().Matches(text))
        {
            var digits = match.Value.Count(char.IsAsciiDigit);
            var international = match.Value.StartsWith('+') || match.Value.StartsWith("00", StringComparison.Ordinal);
            if (international ? digits is >= 10 and <= 15 : digits is 9 or 10)
            {
                return "a phone number";
            }
        }
        return null;
    }

    /// <summary>The check of a Belgian national register number: 97 minus the first nine digits mod 97 (with a 2 before them for people born from 2000).</summary>
    private static bool IsNationalNumber(string digits)
    {
        var body = long.Parse(digits[..9], CultureInfo.InvariantCulture);
        var check = int.Parse(digits[9..], CultureInfo.InvariantCulture);
        return check == 97 - (int)(body % 97) || check == 97 - (int)((2_000_000_000L + body) % 97);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s-]?\d{2}")]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(@"(\+|00)?\d[\d\s./-]{6,18}\d")]
    private static partial Regex Phone();
}
