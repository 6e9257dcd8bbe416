using Reporting.Functions;
using Reporting.Timers;

namespace Reporting.Tests.Timers;

public sealed class CronScheduleTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void TheMonthlyScheduleFiresOnTheFirstOfTheNextMonth()
    {
        var schedule = CronSchedule.Parse(FunctionCatalog.MonthlyReports.Schedule);

        Assert.Equal(Utc(2022, 4, 1, 2), schedule.NextAfter(Utc(2022, 3, 15, 10)));
        Assert.Equal(Utc(2022, 5, 1, 2), schedule.NextAfter(Utc(2022, 4, 1, 2)));
    }

    [Fact]
    public void TheQuarterlyScheduleFiresInTheFirstMonthOfEachQuarter()
    {
        var schedule = CronSchedule.Parse(FunctionCatalog.QuarterlyReports.Schedule);

        Assert.Equal(Utc(2022, 4, 1, 2, 20), schedule.NextAfter(Utc(2022, 1, 1, 2, 20)));
        Assert.Equal(Utc(2023, 1, 1, 2, 20), schedule.NextAfter(Utc(2022, 10, 2)));
    }

    [Fact]
    public void TheYearlyScheduleFiresOnNewYearsDay()
    {
        Assert.Equal(Utc(2023, 1, 1, 2, 40), CronSchedule.Parse(FunctionCatalog.YearlyReports.Schedule).NextAfter(Utc(2022, 3, 1)));
    }

    [Fact]
    public void StepsRangesAndListsAreUnderstood()
    {
        Assert.Equal(Utc(2022, 3, 1, 10, 0, 15), CronSchedule.Parse("*/15 * * * * *").NextAfter(Utc(2022, 3, 1, 10, 0, 7)));
        Assert.Equal(Utc(2022, 3, 7, 9), CronSchedule.Parse("0 0 9 * * 1-5").NextAfter(Utc(2022, 3, 4, 10)));
        Assert.Equal(Utc(2022, 3, 1, 10, 30), CronSchedule.Parse("0 0,30 10 * * *").NextAfter(Utc(2022, 3, 1, 10, 0)));
        Assert.Equal(Utc(2022, 3, 6, 0), CronSchedule.Parse("0 0 0 * * 7").NextAfter(Utc(2022, 3, 1)));
    }

    [Theory]
    [InlineData("0 0 2 1 *")]
    [InlineData("0 0 25 1 * *")]
    [InlineData("0 0 x 1 * *")]
    [InlineData("0 0 2 1 * */0")]
    public void AnInvalidExpressionIsRefused(string expression)
    {
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
    }

    [Fact]
    public void EveryTimerFunctionHasAValidSchedule()
    {
        Assert.All(FunctionCatalog.Timers, t => Assert.NotNull(CronSchedule.Parse(t.Schedule).NextAfter(Utc(2022, 1, 1))));
    }
}
