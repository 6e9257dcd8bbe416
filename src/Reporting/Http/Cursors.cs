using System.Buffers.Text;
using System.Text;

namespace Reporting.Http;

/// <summary>The opaque cursor of a list's next link: the text of where the page ended, base64url.</summary>
internal static class Cursors
{
    /// <summary>Longer cursors are not ones a list gave.</summary>
    private const int MaxLength = 400;

    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    /// <summary>The position a cursor carries; null when it is not a cursor at all.</summary>
    public static string? Decode(string cursor)
    {
        try
        {
            return cursor.Length > MaxLength ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
