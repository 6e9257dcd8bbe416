using System.IO.Compression;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;

namespace Reporting.ApiDescription;

/// <summary>
/// The API's description and its interactive reference, for anyone: <c>GET /api/openapi.json</c> (OpenAPI 3.1),
/// <c>GET /api/docs</c> (a Scalar page that reads it) and <c>GET /api/docs/scalar.js</c> (Scalar's script, served
/// from the Scalar.AspNetCore package: the page needs nothing from outside the service, no CDN, no fonts).
/// </summary>
internal sealed class ApiDescriptionFunctions(FunctionGate gate, ApiDocument document)
{
    public const string ScriptPath = "/api/docs/scalar.js";

    // Scalar.AspNetCore embeds its standalone script gzip-compressed.
    private const string ScriptResource = "ScalarStaticAssets.scalar.js";

    private static readonly Assembly Scalar = typeof(Scalar.AspNetCore.ScalarOptions).Assembly;

    // No inline script: Scalar reads its configuration from the element's data attributes. No default fonts: they
    // would be fetched from Scalar's servers.
    private const string Page = $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Reporting API reference</title>
          <link rel="icon" href="data:,">
        </head>
        <body>
          <script id="api-reference" data-url="/api/openapi.json" data-configuration="{&quot;withDefaultFonts&quot;:false}"></script>
          <script src="{{ScriptPath}}"></script>
        </body>
        </html>
        """;

    /// <summary>The page loads only this service's script and description, and sends requests only to this service.</summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    [Function("GetApiDescription")]
    public Task<IResult> GetDescription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        gate.AnyoneAsync(request, () => Task.FromResult<IResult>(TypedResults.Bytes(document.Utf8, "application/json")));

    [Function("GetApiReference")]
    public Task<IResult> GetReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        gate.AnyoneAsync(request, () =>
        {
            request.HttpContext.Response.Headers.ContentSecurityPolicy = PagePolicy;
            return Task.FromResult<IResult>(TypedResults.Content(Page, "text/html; charset=utf-8"));
        });

    [Function("GetApiReferenceScript")]
    public Task<IResult> GetScript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/scalar.js")] HttpRequest request) =>
        gate.AnyoneAsync(request, () =>
        {
            var compressed = Scalar.GetManifestResourceStream(ScriptResource)
                ?? throw new InvalidOperationException($"Scalar.AspNetCore no longer embeds {ScriptResource}.");
            var headers = request.HttpContext.Response.Headers;
            headers.Vary = "Accept-Encoding";
            headers.CacheControl = "public, max-age=3600";
            var gzip = request.GetTypedHeaders().AcceptEncoding.Any(e =>
                e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
            if (gzip)
            {
                headers.ContentEncoding = "gzip";
                return Task.FromResult<IResult>(TypedResults.Stream(compressed, "text/javascript; charset=utf-8"));
            }
            return Task.FromResult<IResult>(TypedResults.Stream(new GZipStream(compressed, CompressionMode.Decompress), "text/javascript; charset=utf-8"));
        });
}
