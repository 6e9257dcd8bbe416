using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>
/// Signs every attempt of a Blob service request with the account key (the full Shared Key scheme): HMAC-SHA256
/// over the verb, the standard headers, the <c>x-ms-</c> headers and the canonicalised resource with its query
/// parameters. Runs per retry so that each attempt carries a fresh date.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    /// <summary>The standard headers of the string to sign, in their order (Content-Length is handled apart).</summary>
    private static readonly string[] BeforeLength = ["Content-Encoding", "Content-Language"];
    private static readonly string[] AfterLength =
        ["Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(StringToSign(accountName, request))));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal static string StringToSign(string accountName, Request request)
    {
        var text = new StringBuilder();
        text.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in BeforeLength)
        {
            text.Append(Header(request, name)).Append('\n');
        }
        // The transport sends the content's length; from version 2015-02-21 a zero length is signed as empty.
        long length = 0;
        if (request.Content is { } content && !content.TryComputeLength(out length))
        {
            length = 0;
        }
        text.Append(length > 0 ? length.ToString(CultureInfo.InvariantCulture) : "").Append('\n');
        foreach (var name in AfterLength)
        {
            text.Append(Header(request, name)).Append('\n');
        }
        AppendCanonicalizedHeaders(text, request);
        AppendCanonicalizedResource(text, accountName, request.Uri.ToUri());
        return text.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";

    private static void AppendCanonicalizedHeaders(StringBuilder text, Request request)
    {
        var headers = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: Lower(h.Name), Value: FoldWhitespace(h.Value)))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    /// <summary>
    /// <c>/account/encoded-path</c>, then one line per query parameter: its lowercase name, a colon and its decoded
    /// values sorted and joined by commas, parameters sorted by name. For path-style endpoints (the emulator) the
    /// path starts with the account name again, as the service expects.
    /// </summary>
    private static void AppendCanonicalizedResource(StringBuilder text, string accountName, Uri uri)
    {
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Lower(Decode(p[0])), Value: p.Length == 2 ? Decode(p[1]) : ""))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var values = parameter.Select(p => p.Value).Order(StringComparer.Ordinal);
            text.Append('\n').Append(parameter.Key).Append(':').AppendJoin(',', values);
        }
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    // The protocol asks for lowercase names; they are ASCII header and parameter names.
    private static string Lower(string value) => value.ToLowerInvariant();

    private static string FoldWhitespace(string value) =>
        string.Join(' ', value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
