using Reporting.Timers;

namespace Reporting.Tests.Timers;

public sealed class TimerScheduleTests
{
    private static readonly string Monthly = Default(TimerSchedule.MonthlySetting);
    private static readonly string Quarterly = Default(TimerSchedule.QuarterlySetting);
    private static readonly string Yearly = Default(TimerSchedule.YearlySetting);

    private static string Default(string setting) => TimerSchedule.Settings.Single(s => s.Setting == setting).Default;

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void TheMonthlyTimerFiresOnTheFirstOfTheNextMonthAtTwoUtc()
    {
        Assert.Equal(Utc(2022, 4, 1, 2), TimerSchedule.NextAfter(Monthly, Utc(2022, 3, 15, 10)));
        Assert.Equal(Utc(2022, 5, 1, 2), TimerSchedule.NextAfter(Monthly, Utc(2022, 4, 1, 2)));
    }

    [Fact]
    public void TheQuarterlyTimerFiresInTheFirstMonthOfEachQuarter()
    {
        Assert.Equal(Utc(2022, 4, 1, 2, 20), TimerSchedule.NextAfter(Quarterly, Utc(2022, 1, 1, 2, 20)));
        Assert.Equal(Utc(2023, 1, 1, 2, 20), TimerSchedule.NextAfter(Quarterly, Utc(2022, 10, 2)));
    }

    [Fact]
    public void TheYearlyTimerFiresOnNewYearsDay()
    {
        Assert.Equal(Utc(2023, 1, 1, 2, 40), TimerSchedule.NextAfter(Yearly, Utc(2022, 3, 1)));
    }

    [Fact]
    public void EveryTimerFiresAfterItsPeriodHasClosedInBrussels()
    {
        // 02:00 UTC on the first is 03:00 or 04:00 in Brussels: the month before has closed there too.
        foreach (var (_, schedule, _) in TimerSchedule.Settings)
        {
            var next = TimerSchedule.NextAfter(schedule, Utc(2022, 6, 15))!.Value;
            var brussels = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
            Assert.Equal(1, brussels.Day);
            Assert.InRange(brussels.Hour, 3, 4);
        }
    }
}
