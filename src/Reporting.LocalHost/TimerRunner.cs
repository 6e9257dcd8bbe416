using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Reporting.Storage;
using Reporting.Timers;

namespace Reporting.LocalHost;

/// <summary>
/// Fires the timer functions on their NCRONTAB schedules (UTC), as the Functions host does with its schedule
/// monitor: each timer's last and next occurrence are kept in a blob, and a timer whose next occurrence passed
/// while nothing ran (the service was stopped) runs once at start-up, marked past due. A timer seen for the first
/// time waits for its next occurrence.
/// </summary>
internal sealed class TimerRunner(
    IReadOnlyList<LocalFunction> functions,
    BlobServiceClient blobs,
    IOptions<StorageOptions> storage,
    IOptions<LocalHostOptions> options,
    TimeProvider time,
    IServiceScopeFactory scopes,
    ILogger<TimerRunner> logger) : BackgroundService
{
    public const string Container = "azure-webjobs-hosts";

    private sealed record Status(DateTimeOffset Last, DateTimeOffset Next);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = functions.Where(f => f.Trigger == TriggerKind.Timer).ToList();
        if (!options.Value.RunTimers || timers.Count == 0)
        {
            return;
        }
        var container = blobs.GetBlobContainerClient(Container);
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            var now = time.GetUtcNow();
            foreach (var timer in timers)
            {
                var status = await ReadAsync(container, timer, stoppingToken);
                if (status is not null && status.Next <= now)
                {
                    logger.LogInformation("Timer {Function} is past due (its run at {Next:u} was missed); running it now", timer.Name, status.Next);
                    await RunAsync(container, timer, pastDue: true, now, stoppingToken);
                }
                else if (status is null)
                {
                    await WriteAsync(container, timer, now, stoppingToken);
                }
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning("The timers' schedule status could not be read: {Error}; past-due runs are skipped", e.GetType().Name);
        }

        var fired = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A delay may end a little early: an occurrence that has fired is never fired again.
            var now = time.GetUtcNow() > fired ? time.GetUtcNow() : fired;
            var next = timers
                .Select(t => (Timer: t, At: TimerSchedule.NextAfter(t.Schedule!, now)))
                .Where(t => t.At is not null)
                .OrderBy(t => t.At)
                .FirstOrDefault();
            if (next.At is not { } at)
            {
                return;
            }
            logger.LogInformation("Next timer: {Function} at {At:u}", next.Timer.Name, at);
            await Task.Delay(at - now, time, stoppingToken);
            fired = at;
            await RunAsync(container, next.Timer, pastDue: false, at, stoppingToken);
        }
    }

    private async Task RunAsync(BlobContainerClient container, LocalFunction timer, bool pastDue, DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(timer, scope.ServiceProvider, new TimerInfo { IsPastDue = pastDue }, null, stoppingToken);
            await WriteAsync(container, timer, occurrence, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Timer {Function} failed; it runs again on its next occurrence", timer.Name);
        }
    }

    private string BlobName(LocalFunction timer) => $"timers/localhost/{storage.Value.TablePrefix}{timer.Name}/status";

    private async Task<Status?> ReadAsync(BlobContainerClient container, LocalFunction timer, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(BlobName(timer)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<Status>(content.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private Task WriteAsync(BlobContainerClient container, LocalFunction timer, DateTimeOffset last, CancellationToken cancellationToken) =>
        container.GetBlobClient(BlobName(timer)).UploadAsync(
            BinaryData.FromObjectAsJson(new Status(last, TimerSchedule.NextAfter(timer.Schedule!, last) ?? DateTimeOffset.MaxValue)),
            overwrite: true, cancellationToken);
}
