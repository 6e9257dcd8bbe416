using Microsoft.Extensions.Options;
using Reporting.Functions;
using Reporting.Reports;

namespace Reporting.Timers;

/// <summary>
/// Standalone only: fires the timer functions in-process on the NCRONTAB schedules their function.json
/// declares (the Functions host fires them itself when it runs the app).
/// </summary>
internal sealed class Scheduler(IServiceProvider services, TimeProvider time, IOptions<ReportOptions> options, ILogger<Scheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            return;
        }
        var schedules = FunctionCatalog.Timers.Select(t => (Function: t, Schedule: TimerSchedule.Of(t))).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = schedules
                .Select(s => (s.Function, At: s.Schedule.GetNextOccurrence(now, TimeZoneInfo.Utc)))
                .Where(s => s.At is not null)
                .OrderBy(s => s.At)
                .FirstOrDefault();
            if (next.At is not { } at)
            {
                return;
            }
            logger.LogInformation("Next timer: {Function} at {At:u}", next.Function.Name, at);
            await Task.Delay(at - now, time, stoppingToken);
            try
            {
                await services.GetRequiredService<ScheduledReports>().RunAsync(next.Function.Period, time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Timer {Function} failed; it runs again on its next occurrence", next.Function.Name);
            }
        }
    }
}
