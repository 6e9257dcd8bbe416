using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Storage;

namespace Reporting.Health;

/// <summary><c>GET /api/health</c>: liveness, and whether storage answers; a failing check is named with its cause.</summary>
internal sealed class HealthFunctions(FunctionGate gate, StorageProbe storage, ILogger<HealthFunctions> logger)
{
    public const string StorageCheck = "storage";

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
                return (IResult)TypedResults.Json(new HealthReport("healthy", new StorageHealth("reachable", watch.ElapsedMilliseconds, null), []));
            }
            catch (Exception e) when (FunctionGate.IsStorageUnavailable(e) || e is Azure.RequestFailedException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var cause = e is OperationCanceledException
                    ? $"{nameof(TimeoutException)}: no answer within {StorageTimeout.TotalSeconds:0} seconds."
                    : HealthCause.Of(e);
                logger.LogWarning("Health check {Check} failed: {Cause}", StorageCheck, cause);
                return TypedResults.Json(
                    new HealthReport("unhealthy", new StorageHealth("unreachable", watch.ElapsedMilliseconds, cause), [new FailedCheck(StorageCheck, cause)]),
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

    public sealed record StorageHealth(string Status, long LatencyMs, string? Error);

    /// <summary>A check that failed: its name and a short cause.</summary>
    public sealed record FailedCheck(string Check, string Cause);

    public sealed record HealthReport(string Status, StorageHealth Storage, IReadOnlyList<FailedCheck> Failed);
}

/// <summary>
/// Why a check failed, in one short line: the innermost exception's type and message (through AggregateExceptions,
/// whose first failure is taken, and inner exceptions), storage's status and error code when it answered, and never
/// a secret: anything shaped like an account key, a shared access signature or a token is blanked.
/// </summary>
internal static partial class HealthCause
{
    public const int MaxLength = 300;

    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var answered = exception as Azure.RequestFailedException;
        var innermost = exception;
        while (true)
        {
            var next = innermost is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : innermost.InnerException;
            if (next is null)
            {
                break;
            }
            innermost = next;
            answered ??= innermost as Azure.RequestFailedException;
        }
        var message = innermost.Message.Split('\n', 2)[0].Trim();
        var cause = $"{innermost.GetType().Name}: {message}";
        if (answered is { Status: > 0 })
        {
            cause += $" (status {answered.Status}{(string.IsNullOrEmpty(answered.ErrorCode) ? "" : ", " + answered.ErrorCode)})";
        }
        cause = Scrub(cause);
        return cause.Length <= MaxLength ? cause : cause[..(MaxLength - 1)] + "…";
    }

    /// <summary>The text with the values of secrets blanked (<c>AccountKey=***</c>, <c>sig=***</c>, <c>Bearer ***</c>).</summary>
    public static string Scrub(string text) =>
        Bearer().Replace(Secret().Replace(text, "${name}=***"), "${scheme} ***");

    [GeneratedRegex(@"(?<name>AccountKey|SharedAccessSignature|SharedAccessKey|sig|AccessKey|Password|pwd|client_secret|token|code)\s*=\s*[^;&\s""',]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();

    [GeneratedRegex(@"(?<scheme>Bearer|SharedKey|SharedKeyLite|Basic)\s+[^\s""',]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();
}
