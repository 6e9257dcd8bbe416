using System.Diagnostics;
using Reporting.Functions;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Health;

/// <summary><c>GET /api/health</c>: liveness, and whether storage answers.</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapFunction(FunctionCatalog.GetHealth, async (StorageProbe storage, ILoggerFactory loggers, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StorageTimeout);
            var watch = Stopwatch.StartNew();
            try
            {
                await storage.PingAsync(timeout.Token);
                return TypedResults.Json(new HealthReport("healthy", new StorageHealth("reachable", watch.ElapsedMilliseconds, null)));
            }
            catch (Exception e) when (StorageExceptionHandler.IsStorageUnavailable(e) || e is Azure.RequestFailedException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                loggers.CreateLogger("Reporting.Health").LogWarning("Storage unreachable: {Error}", e.GetType().Name);
                return TypedResults.Json(
                    new HealthReport("unhealthy", new StorageHealth("unreachable", watch.ElapsedMilliseconds, e.GetType().Name)),
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }

    public sealed record StorageHealth(string Status, long LatencyMs, string? Error);

    public sealed record HealthReport(string Status, StorageHealth Storage);
}
