using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Reporting.Http;

/// <summary>
/// How JSON answers are written: letters of every script as they are (<c>é</c>, not <c>\u00E9</c>), since the
/// answers are UTF-8 and read by people in French and Dutch. The encoder still escapes what HTML treats specially
/// (<c>&lt; &gt; &amp; '</c>) and control characters.
/// </summary>
internal static class JsonAnswers
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>A copy of <paramref name="options"/> that writes with <see cref="Encoder"/>.</summary>
    public static JsonSerializerOptions With(JsonSerializerOptions options) => new(options) { Encoder = Encoder };
}
