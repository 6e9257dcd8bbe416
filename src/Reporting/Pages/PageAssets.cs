using System.Collections.Frozen;
using System.Security.Cryptography;
using Reporting.Domain;
using Reporting.Http;

namespace Reporting.Pages;

/// <summary>
/// The pages' static files (Pages/wwwroot, embedded in the assembly): read once, each with its content type and an
/// ETag of its bytes. There is no build step and no third-party script: the Content-Security-Policy allows this
/// origin only, and every answer is revalidated (no-cache with an ETag) so that a new version is seen at once.
/// </summary>
internal static class PageAssets
{
    public const string ResourcePrefix = "pages/";

    /// <summary>Only this origin: no inline script or style, no framing, no other host to talk to.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".webmanifest"] = "application/manifest+json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    private static readonly MessageTemplate NoSuchFile = new(
        "The pages have no such file; the start page is /api/app/.",
        "De pagina's hebben geen zulk bestand; de startpagina is /api/app/.",
        "Les pages n’ont pas ce fichier ; la page d’accueil est /api/app/.");

    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    /// <summary>The names of the files served (index.html, app.js, …).</summary>
    public static IEnumerable<string> Names => Assets.Keys;

    public static Asset? Find(string name) => Assets.GetValueOrDefault(name);

    /// <summary>The answer for <c>GET /api/app/{path}</c>: the file, 304 when the browser's copy is current, or 404.</summary>
    public static IResult Answer(HttpRequest request, string? path)
    {
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            // The pages' relative URLs (app.js, style.css) resolve against the folder: /api/app/.
            return TypedResults.Redirect(request.PathBase + request.Path + "/");
        }
        if (Find(name) is not { } asset)
        {
            return Problems.Status(StatusCodes.Status404NotFound, HttpTexts.NotFoundTitle, NoSuchFile);
        }
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == asset.ETag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                throw new InvalidOperationException($"Page file {name} has no known content type.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            assets[name] = new Asset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
