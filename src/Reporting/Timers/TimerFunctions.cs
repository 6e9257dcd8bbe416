using Microsoft.Azure.Functions.Worker;
using Reporting.Domain.Aggregation;

namespace Reporting.Timers;

/// <summary>
/// The timer functions: on their schedules (app settings, see <see cref="TimerSchedule"/>), each asks for the
/// reports of every closed period of its kind that has none yet, whatever runs were missed before
/// (<see cref="ScheduledReports"/>); the queue function makes them.
/// </summary>
internal sealed class TimerFunctions(ScheduledReports scheduled, TimeProvider time)
{
    [Function("MonthlyReports")]
    public Task Monthly([TimerTrigger("%MonthlyReportsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunAsync(PeriodKind.Month, time.GetUtcNow(), cancellationToken);

    [Function("QuarterlyReports")]
    public Task Quarterly([TimerTrigger("%QuarterlyReportsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunAsync(PeriodKind.Quarter, time.GetUtcNow(), cancellationToken);

    [Function("YearlyReports")]
    public Task Yearly([TimerTrigger("%YearlyReportsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduled.RunAsync(PeriodKind.Year, time.GetUtcNow(), cancellationToken);
}

internal static class TimerRegistration
{
    public static IHostApplicationBuilder AddTimers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ScheduledReports>();
        return builder;
    }
}
