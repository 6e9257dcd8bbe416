using Microsoft.Azure.Functions.Worker;
using Reporting.Storage;

namespace Reporting.Reports;

/// <summary>
/// The queue functions of requested reports. <c>RunReport</c> makes the report a message asks for; when it throws
/// (storage unreachable, or another run kept the report's lock too long) or its instance dies, the message comes
/// back and is tried again, up to the host's
/// <c>maxDequeueCount</c>. Then the host moves it to the poison queue, where <c>FailReport</c> marks the report
/// failed with a reason, so that no request stays "queued" for ever.
/// </summary>
internal sealed class ReportQueueFunctions(ReportService reports, ReportIndex index, TimeProvider time, ILogger<ReportQueueFunctions> logger)
{
    [Function("RunReport")]
    public async Task Run([QueueTrigger("%ReportQueue%")] string message, CancellationToken cancellationToken)
    {
        if (ReportRequests.Parse(message) is not { } request)
        {
            // Not ours to make (not a report's scope): said once, and not tried again.
            logger.LogError("A message of the report queue holds no report request; it is dropped");
            return;
        }
        var made = await reports.RunAsync(request.Scope, request.RequestedAt, cancellationToken);
        // Another run held the report's lock for longer than a run waits (a long year): the report may not have
        // the records of this request yet. Thrown, the message comes back later and is tried again.
        var settled = made.Status switch
        {
            ReportStatus.Ready => made.CompletedAt >= request.RequestedAt,
            ReportStatus.Failed => made.UpdatedAt >= request.RequestedAt,
            _ => false,
        };
        if (!settled)
        {
            throw new InvalidOperationException($"Report {request.Scope.Id} is being made by another run; this request is tried again later.");
        }
    }

    [Function("FailReport")]
    public async Task Fail([QueueTrigger("%ReportQueue%-poison")] string message, CancellationToken cancellationToken)
    {
        if (ReportRequests.Parse(message) is not { } request)
        {
            logger.LogError("A message of the report poison queue holds no report request; it is dropped");
            return;
        }
        var scope = request.Scope;
        var existing = await index.GetAsync(scope.Id, cancellationToken);
        if (existing is { Status: ReportStatus.Ready or ReportStatus.Failed })
        {
            // Made (or failed) since, by another request's message.
            return;
        }
        var now = time.GetUtcNow();
        logger.LogError("Report {Id} could not be made after every try; marked failed", scope.Id);
        await index.SaveAsync(new ReportEntry(scope, ReportStatus.Failed,
            "The report could not be made: every try stopped before it finished (storage unreachable, or the instance stopped). Ask for it again.",
            0, 0, null, null, null, existing?.CreatedAt ?? now, now, null, !scope.Period.HasClosed(now)), cancellationToken);
    }
}
