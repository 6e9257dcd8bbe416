using System.Text.Json;
using Azure;

namespace Reporting.Storage;

internal static class StorageErrors
{
    public static RequestFailedException FromResponse(Response response)
    {
        var (code, message) = Parse(response.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty);
        code ??= response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        return Noted(new RequestFailedException(response.Status, $"Storage answered {response.Status} {response.ReasonPhrase}: {code} {message}".TrimEnd(), code, null));
    }

    /// <summary>
    /// Every storage error passes here: one that says a table or container that was set up is gone (an emulator
    /// restarted empty) makes every setup run again on its next use, whoever made the request.
    /// </summary>
    public static T Noted<T>(T error) where T : RequestFailedException
    {
        if (Once.IsMissingSetup(error))
        {
            Once.ForgetAll();
        }
        return error;
    }

    /// <summary>Reads the error code and message of a Table service error body (JSON or XML).</summary>
    public static (string? Code, string? Message) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Blob errors and some proxies answer XML or text: take the code between the Code tags.
            var text = System.Text.Encoding.UTF8.GetString(body.Span);
            var start = text.IndexOf("<Code>", StringComparison.Ordinal);
            var end = text.IndexOf("</Code>", StringComparison.Ordinal);
            if (start >= 0 && end > start)
            {
                return (text[(start + 6)..end], null);
            }
        }
        return (null, null);
    }
}
