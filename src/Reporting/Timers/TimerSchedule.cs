using Cronos;
using Reporting.Domain.Aggregation;

namespace Reporting.Timers;

/// <summary>
/// The timer functions' schedules: NCRONTAB expressions (six fields, seconds first, as Azure Functions timer
/// triggers write them), read from app settings (<c>%MonthlyReportsSchedule%</c>) and evaluated in UTC like the
/// Functions host without WEBSITE_TIME_ZONE. The defaults are what local.settings.sample.json and infra/ set.
/// </summary>
internal static class TimerSchedule
{
    // 02:00 UTC on the first of the month is already the first in Brussels (UTC+1 or +2): the previous period has closed.
    public const string MonthlySetting = "MonthlyReportsSchedule";
    public const string QuarterlySetting = "QuarterlyReportsSchedule";
    public const string YearlySetting = "YearlyReportsSchedule";

    /// <summary>Each schedule setting, its default, and the kind of period its timer reports.</summary>
    public static IReadOnlyList<(string Setting, string Default, PeriodKind Period)> Settings { get; } =
    [
        (MonthlySetting, "0 0 2 1 * *", PeriodKind.Month),
        (QuarterlySetting, "0 20 2 1 1,4,7,10 *", PeriodKind.Quarter),
        (YearlySetting, "0 40 2 1 1 *", PeriodKind.Year),
    ];

    /// <summary>The configured schedule of a setting, or its default.</summary>
    public static string Of(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[setting] is { Length: > 0 } configured ? configured : Settings.Single(s => s.Setting == setting).Default;
    }

    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when there is none.</summary>
    public static DateTimeOffset? NextAfter(string schedule, DateTimeOffset after) => Parse(schedule).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
