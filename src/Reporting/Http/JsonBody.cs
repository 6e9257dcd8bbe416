using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace Reporting.Http;

/// <summary>
/// Reads a JSON request body within a size limit. Every way a body can be unusable (wrong content type, too
/// large, not JSON) becomes a problem+json answer, never an exception that escapes.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, HttpTexts.UnsupportedMediaTypeTitle, HttpTexts.SendJson));
        }
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, Problems.Validation("$", HttpTexts.EmptyBody));
        }
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("$", e.LineNumber is { } line
                ? HttpTexts.NotJsonAt.With(line + 1, e.BytePositionInLine + 1)
                : HttpTexts.NotJson));
        }
        if (!IsReadableText(body.Span))
        {
            document.Dispose();
            return (null, Problems.Validation("$", HttpTexts.NotUtf8));
        }
        return (document, null);
    }

    /// <summary>
    /// Whether every string and property name of a well-formed body can be read as text. The parser lets through
    /// bytes that are not UTF-8 inside strings and escapes of half a surrogate pair; reading such a string throws.
    /// </summary>
    private static bool IsReadableText(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }
        if (json.IndexOf("\\u"u8) < 0)
        {
            return true;
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = ParseOptions.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is (JsonTokenType.String or JsonTokenType.PropertyName) && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        var charset = media.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static ProblemAnswer TooLarge(int maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, HttpTexts.BodyTooLargeTitle, HttpTexts.BodyTooLarge.With(maxBytes));
}
