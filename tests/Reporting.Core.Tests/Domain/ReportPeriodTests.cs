using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Domain;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2022-03", PeriodKind.Month, "2022-03-01", "2022-03-31")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2022-Q1", PeriodKind.Quarter, "2022-01-01", "2022-03-31")]
    [InlineData("2022-Q4", PeriodKind.Quarter, "2022-10-01", "2022-12-31")]
    [InlineData("2022", PeriodKind.Year, "2022-01-01", "2022-12-31")]
    public void APeriodIsParsedWithItsFirstAndLastDay(string text, PeriodKind kind, string from, string to)
    {
        var period = ReportPeriod.Parse(text)!;

        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.To);
        Assert.Equal(text, period.Key);
    }

    [Theory]
    [InlineData("2022-13")]
    [InlineData("2022-Q5")]
    [InlineData("22-03")]
    [InlineData("March")]
    public void ANonsensePeriodIsNotParsed(string text)
    {
        Assert.Null(ReportPeriod.Parse(text));
    }

    [Fact]
    public void APeriodListsTheMonthsItTouches()
    {
        var range = ReportPeriod.ForRange(new DateOnly(2022, 1, 15), new DateOnly(2022, 3, 2));

        Assert.Equal([new DateOnly(2022, 1, 1), new DateOnly(2022, 2, 1), new DateOnly(2022, 3, 1)], range.Months());
        Assert.False(range.CoversMonth(new DateOnly(2022, 1, 1)));
        Assert.True(range.CoversMonth(new DateOnly(2022, 2, 1)));
        Assert.Equal("2022-01-15_2022-03-02", range.Key);
    }

    [Fact]
    public void NewYearInBrusselsComesAnHourBeforeNewYearInUtc()
    {
        var justAfterMidnightInBrussels = new DateTimeOffset(2022, 12, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2022", ReportPeriod.LastClosed(PeriodKind.Year, justAfterMidnightInBrussels).Key);
        Assert.Equal("2022-12", ReportPeriod.LastClosed(PeriodKind.Month, justAfterMidnightInBrussels).Key);
        Assert.Equal("2022-Q4", ReportPeriod.LastClosed(PeriodKind.Quarter, justAfterMidnightInBrussels).Key);
    }

    [Fact]
    public void JustBeforeMidnightInBrusselsTheYearHasNotClosed()
    {
        var lastHourOfTheYear = new DateTimeOffset(2022, 12, 31, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal("2021", ReportPeriod.LastClosed(PeriodKind.Year, lastHourOfTheYear).Key);
        Assert.Equal("2022-11", ReportPeriod.LastClosed(PeriodKind.Month, lastHourOfTheYear).Key);
        Assert.Equal("2022-Q3", ReportPeriod.LastClosed(PeriodKind.Quarter, lastHourOfTheYear).Key);
    }

    [Fact]
    public void InSummerTheMonthClosesTwoHoursBeforeUtcMidnight()
    {
        Assert.Equal("2022-06", ReportPeriod.LastClosed(PeriodKind.Month, new DateTimeOffset(2022, 6, 30, 22, 30, 0, TimeSpan.Zero)).Key);
        Assert.Equal("2022-Q2", ReportPeriod.LastClosed(PeriodKind.Quarter, new DateTimeOffset(2022, 6, 30, 22, 30, 0, TimeSpan.Zero)).Key);
        Assert.Equal("2022-05", ReportPeriod.LastClosed(PeriodKind.Month, new DateTimeOffset(2022, 6, 30, 21, 30, 0, TimeSpan.Zero)).Key);
    }

    [Fact]
    public void APeriodHasClosedOnceItsLastDayIsOverInBrussels()
    {
        var december = ReportPeriod.ForMonth(2026, 12);
        var lastEveningInBrussels = new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero);

        Assert.False(december.HasClosed(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.False(december.HasClosed(lastEveningInBrussels));
        Assert.True(december.HasClosed(lastEveningInBrussels.AddHours(1)));
        Assert.True(ReportPeriod.ForMonth(2026, 11).HasClosed(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.False(ReportPeriod.ForYear(2026).HasClosed(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void APeriodIsWithinBoundsFrom2020ToTheEndOfTheCurrentYear()
    {
        var now = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 31), ReportPeriod.LatestAt(now));
        Assert.True(ReportPeriod.ForYear(2020).IsWithinBounds(now));
        Assert.True(ReportPeriod.ForMonth(2026, 12).IsWithinBounds(now));
        Assert.False(ReportPeriod.ForYear(2019).IsWithinBounds(now));
        Assert.False(ReportPeriod.ForMonth(2027, 1).IsWithinBounds(now));
        Assert.False(ReportPeriod.ForRange(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)).IsWithinBounds(now));
    }

    [Fact]
    public void ThePreviousPeriodIsOfTheSameKind()
    {
        Assert.Equal("2021-12", ReportPeriod.ForMonth(2022, 1).Previous().Key);
        Assert.Equal("2021-Q4", ReportPeriod.ForQuarter(2022, 1).Previous().Key);
        Assert.Equal("2021", ReportPeriod.ForYear(2022).Previous().Key);
    }

    [Fact]
    public void TheSameScopeHasTheSameReportId()
    {
        var scope = new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 1), "21015", null, ReportLanguage.Fr, SplitBrussels: true);

        Assert.Equal("BAR_2022-Q1_fr_m21015_split", scope.Id);
        Assert.Equal(scope.Id, (scope with { }).Id);
        Assert.NotEqual(scope.Id, (scope with { Language = ReportLanguage.Nl }).Id);
    }
}
