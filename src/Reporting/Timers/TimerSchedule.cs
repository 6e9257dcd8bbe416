using Cronos;
using Reporting.Functions;

namespace Reporting.Timers;

/// <summary>
/// When a timer function fires: its NCRONTAB expression (six fields, seconds first, as Azure Functions timer
/// triggers write it), parsed by Cronos and evaluated in UTC like the Functions host without WEBSITE_TIME_ZONE.
/// </summary>
internal static class TimerSchedule
{
    public static CronExpression Of(TimerFunction timer) => CronExpression.Parse(timer.Schedule, CronFormat.IncludeSeconds);

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when there is none.</summary>
    public static DateTimeOffset? NextAfter(TimerFunction timer, DateTimeOffset after) => Of(timer).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
