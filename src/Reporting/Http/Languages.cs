using Microsoft.Net.Http.Headers;
using Reporting.Domain;

namespace Reporting.Http;

/// <summary>
/// The language of an answer's words: the caller's <c>Accept-Language</c> among Dutch, French and English, its
/// q-values honoured (the highest wins; of equal ones, the first listed; <c>q=0</c> means "not this one"); any other
/// language, or none, is answered in English. Codes, field paths, status codes and problem types never change.
/// </summary>
internal static class Languages
{
    public const ReportLanguage Default = ReportLanguage.En;

    public static ReportLanguage Of(HttpRequest request)
    {
        var header = request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return Default;
        }
        ReportLanguage? best = null;
        var bestQuality = 0.0;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1.0;
            if (quality > bestQuality && Match(value.Value.Value) is { } language)
            {
                best = language;
                bestQuality = quality;
            }
        }
        return best ?? Default;
    }

    /// <summary>Says in which language an answer is (<c>Content-Language</c>), and that it depends on <c>Accept-Language</c>.</summary>
    public static void Tell(HttpResponse response, ReportLanguage language)
    {
        response.Headers.ContentLanguage = Tag(language);
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }

    public static string Tag(ReportLanguage language) => language switch
    {
        ReportLanguage.Nl => "nl",
        ReportLanguage.Fr => "fr",
        _ => "en",
    };

    /// <summary>A language range's primary subtag (<c>nl-BE</c> is Dutch); <c>*</c> and other languages match none.</summary>
    private static ReportLanguage? Match(string? range)
    {
        var primary = range?.Split('-', 2)[0];
        return primary?.ToLowerInvariant() switch
        {
            "nl" => ReportLanguage.Nl,
            "fr" => ReportLanguage.Fr,
            "en" => ReportLanguage.En,
            _ => null,
        };
    }
}
