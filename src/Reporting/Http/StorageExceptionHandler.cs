using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Reporting.Storage;

namespace Reporting.Http;

/// <summary>
/// Storage that is unreachable, throttling or failing answers 503 with Retry-After, so a form retries later
/// instead of taking the record as refused. Everything else falls through to the 500 problem handler.
/// </summary>
internal sealed class StorageExceptionHandler(IProblemDetailsService problems, ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// Whether an exception says storage could not be reached or is overloaded (after the client's own retries,
    /// which end in an AggregateException of the attempts), as opposed to a bug or a refused request.
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException => true,
        // The retries' failures; the last try may have been cut by a timeout rather than refused.
        AggregateException { InnerExceptions: var inner } =>
            inner.Any(IsStorageUnavailable) && inner.All(e => IsStorageUnavailable(e) || e is OperationCanceledException),
        _ => false,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Storage lost a table or container that was created before (an emulator restarted empty): the storage
        // client has already made every setup run again on its next use; this caller sends the request again.
        if (!StorageErrors.IsMissingSetup(exception) && !IsStorageUnavailable(exception))
        {
            return false;
        }
        if (httpContext.Response.HasStarted)
        {
            return false;
        }
        // Storage's errors name the operation and its keys (pseudonymous ids), never a record's content.
        logger.LogWarning(exception, "Storage unavailable; answered 503");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = $"Storage did not answer; nothing was lost on your side. Send the same request again in {RetryAfterSeconds} seconds.",
            },
        });
    }
}
