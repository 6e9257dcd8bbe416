using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Storage;

namespace Reporting.Health;

/// <summary><c>GET /api/health</c>: liveness, and whether storage answers.</summary>
internal sealed class HealthFunctions(FunctionGate gate, StorageProbe storage, ILogger<HealthFunctions> logger)
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    [Function("GetHealth")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct) =>
        gate.AnyoneAsync(request, async () =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StorageTimeout);
            var watch = Stopwatch.StartNew();
            try
            {
                await storage.PingAsync(timeout.Token);
                return (IResult)TypedResults.Json(new HealthReport("healthy", new StorageHealth("reachable", watch.ElapsedMilliseconds, null)));
            }
            catch (Exception e) when (FunctionGate.IsStorageUnavailable(e) || e is Azure.RequestFailedException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogWarning("Storage unreachable: {Error}", e.GetType().Name);
                return TypedResults.Json(
                    new HealthReport("unhealthy", new StorageHealth("unreachable", watch.ElapsedMilliseconds, e.GetType().Name)),
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

    public sealed record StorageHealth(string Status, long LatencyMs, string? Error);

    public sealed record HealthReport(string Status, StorageHealth Storage);
}
