using System.Text.Json;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

public sealed class ReportRequestReaderTests
{
    /// <summary>1 December 2026 in Brussels: December and 2026 have not closed yet.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static (ReportScope? Scope, Dictionary<string, string[]> Errors) Read(string json, DateTimeOffset? now = null)
    {
        var errors = new ValidationErrors();
        using var doc = JsonDocument.Parse(json);
        var scope = new ReportRequestReader(ReferenceCatalog.Current, new FixedTime(now ?? Now)).Read(doc.RootElement, errors);
        return (scope, errors.ToDictionary());
    }

    [Fact]
    public void AQuarterRequestInFrenchIsRead()
    {
        var (scope, errors) = Read("""{"programme":"BAR","period":"2022-Q1","municipality":"21015","campaign":null,"language":"fr","splitBrussels":true}""");

        Assert.Empty(errors);
        Assert.Equal(new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 1), "21015", null, ReportLanguage.Fr, true), scope);
    }

    [Fact]
    public void ARangeRequestDefaultsToDutch()
    {
        var (scope, errors) = Read("""{"programme":"CHW","period":{"from":"2022-01-01","to":"2022-06-30"}}""");

        Assert.Empty(errors);
        Assert.Equal(PeriodKind.Range, scope!.Period.Kind);
        Assert.Equal(new DateOnly(2022, 6, 30), scope.Period.To);
        Assert.Equal(ReportLanguage.Nl, scope.Language);
    }

    [Fact]
    public void EveryInvalidFieldOfARequestIsNamed()
    {
        var (scope, errors) = Read("""{"programme":"XX","period":"2022-13","municipality":"99999","language":"de","splitBrussels":"yes","extra":1}""");

        Assert.Null(scope);
        // The unknown property is told by its position under "$", not by its name.
        Assert.Equal(["$", "$.language", "$.municipality", "$.period", "$.programme", "$.splitBrussels"], errors.Keys.Order());
    }

    [Fact]
    public void ARangeEndingBeforeItStartsIsRefused()
    {
        var (_, errors) = Read("""{"programme":"BAR","period":{"from":"2022-06-01","to":"2022-01-01"}}""");

        Assert.Equal(["$.period.to"], errors.Keys);
    }

    [Fact]
    public void ARangeGivingFromTwiceIsRefused()
    {
        var (scope, errors) = Read("""{"programme":"BAR","period":{"from":"2022-01-01","from":"2022-02-01","to":"2022-03-31"}}""");

        Assert.Null(scope);
        Assert.Equal(["$.period.from"], errors.Keys);
    }

    [Theory]
    [InlineData(@"2022\n")]
    [InlineData(@"2022-03\n")]
    [InlineData(@"2022-Q1\n")]
    public void APeriodWithAnEscapedTrailingLineBreakIsRefused(string period)
    {
        var (scope, errors) = Read($$"""{"programme":"BAR","period":"{{period}}"}""");

        Assert.Null(scope);
        Assert.Equal(["$.period"], errors.Keys);
    }

    [Fact]
    public void AnUnknownPropertyOfARequestOrOfItsRangeIsToldByItsPositionNotItsName()
    {
        var (scope, errors) = Read("""{"programme":"BAR","jan.janssens@example.com":1,"period":{"from":"2022-01-01","to":"2022-01-31","+32 470 12 34 56":2}}""");

        Assert.Null(scope);
        Assert.Equal(["$", "$.period"], errors.Keys.Order());
        Assert.Equal("Unknown property at position 2 (counted from 1); the properties are: programme, period, municipality, campaign, language, splitBrussels, suppressSmallCells.", Assert.Single(errors["$"]));
        Assert.Equal("Unknown property at position 3 (counted from 1); the properties are: from, to.", Assert.Single(errors["$.period"]));
    }

    [Fact]
    public void AnUnknownMunicipalityIsNotRepeated()
    {
        var (_, errors) = Read("""{"programme":"BAR","period":"2022","municipality":"a@b.c"}""");

        Assert.DoesNotContain("a@b.c", Assert.Single(errors["$.municipality"]));
    }

    [Theory]
    [InlineData("2000")]
    [InlineData("2019")]
    [InlineData("2019-12")]
    [InlineData("2019-Q4")]
    [InlineData("2027")]
    [InlineData("2027-01")]
    [InlineData("2027-Q1")]
    [InlineData("2099")]
    public void APeriodBefore2020OrAfterTheCurrentYearIsRefused(string period)
    {
        var (scope, errors) = Read($$"""{"programme":"BAR","period":"{{period}}"}""");

        Assert.Null(scope);
        Assert.Equal(["$.period"], errors.Keys);
        Assert.Contains("2020-01-01 to 2026-12-31", errors["$.period"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020")]
    [InlineData("2020-01")]
    [InlineData("2020-Q1")]
    [InlineData("2026")]
    [InlineData("2026-12")]
    [InlineData("2026-Q4")]
    public void APeriodFrom2020ToTheEndOfTheCurrentYearIsRead(string period)
    {
        var (scope, errors) = Read($$"""{"programme":"BAR","period":"{{period}}"}""");

        Assert.Empty(errors);
        Assert.Equal(period, scope!.Period.Key);
    }

    [Theory]
    [InlineData("2019-12-31", "2020-01-31", "$.period.from")]
    [InlineData("2026-12-01", "2027-01-01", "$.period.to")]
    [InlineData("2091-01-01", "2095-12-31", "$.period.to")]
    [InlineData("2015-01-01", "2030-12-31", "$.period.from", "$.period.to")]
    public void ARangeReachingBefore2020OrPastTheCurrentYearNamesTheEndThatDoes(string from, string to, params string[] fields)
    {
        var (scope, errors) = Read($$$"""{"programme":"BAR","period":{"from":"{{{from}}}","to":"{{{to}}}"}}""");

        Assert.Null(scope);
        Assert.Equal(fields, errors.Keys.Order());
        Assert.All(errors.Values, e => Assert.Contains("2020-01-01 to 2026-12-31", e.Single(), StringComparison.Ordinal));
    }

    [Fact]
    public void TheCurrentYearEndsOnTheBrusselsCalendar()
    {
        // 23:30 UTC on 31 December 2026 is already 2027 in Brussels.
        var newYearInBrussels = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Empty(Read("""{"programme":"BAR","period":"2027-01"}""", newYearInBrussels).Errors);
        Assert.Equal(["$.period"], Read("""{"programme":"BAR","period":"2027-01"}""", newYearInBrussels.AddHours(-1)).Errors.Keys);
    }

    [Fact]
    public void ARangeOfTheWholeSpanIsRead()
    {
        var (scope, errors) = Read("""{"programme":"BAR","period":{"from":"2020-01-01","to":"2024-12-31"}}""");

        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2020, 1, 1), scope!.Period.From);
    }

    [Theory]
    [InlineData("nl", ReportLanguage.Nl)]
    [InlineData("FR", ReportLanguage.Fr)]
    [InlineData("En", ReportLanguage.En)]
    public void ALanguageIsNlFrOrEnInAnyCase(string language, ReportLanguage expected)
    {
        var (scope, errors) = Read($$"""{"programme":"BAR","period":"2022","language":"{{language}}"}""");

        Assert.Empty(errors);
        Assert.Equal(expected, scope!.Language);
    }

    [Theory]
    [InlineData("\"02\"")]
    [InlineData("\"2\"")]
    [InlineData("\"0\"")]
    [InlineData("\"de\"")]
    [InlineData("\"e\"")]
    [InlineData("\"Nl,\"")]
    [InlineData("\"english\"")]
    [InlineData("2")]
    [InlineData("true")]
    public void AnythingElseIsNotALanguage(string language)
    {
        var (scope, errors) = Read($$"""{"programme":"BAR","period":"2022","language":{{language}}}""");

        Assert.Null(scope);
        Assert.Equal(["$.language"], errors.Keys);
    }
}
