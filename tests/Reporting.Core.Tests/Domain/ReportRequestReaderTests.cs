using System.Text.Json;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Domain;

public sealed class ReportRequestReaderTests
{
    private static (ReportScope? Scope, Dictionary<string, string[]> Errors) Read(string json)
    {
        var errors = new ValidationErrors();
        using var doc = JsonDocument.Parse(json);
        var scope = new ReportRequestReader(ReferenceCatalog.Current).Read(doc.RootElement, errors);
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
}
