using Reporting.Domain;

namespace Reporting.Core.Tests.Domain;

public sealed class ReferenceDataTests
{
    private static readonly ReferenceData Current = ReferenceCatalog.Current;

    [Fact]
    public void ThemesRunFromAToZ()
    {
        Assert.Equal(Enumerable.Range('A', 26).Select(c => ((char)c).ToString()), Current.Themes.Codes.Select(c => c.Value));
    }

    [Fact]
    public void TheFiveNonTakeUpMechanismsAreThere()
    {
        Assert.Equal(["non-knowledge", "non-receipt", "non-request", "exclusion", "non-proposal"], Current.NonTakeUp.Codes.Select(c => c.Value));
    }

    [Fact]
    public void TheFourProgrammesAreThere()
    {
        Assert.Equal(["BAR", "CHW", "PGBM", "GA"], Current.Programmes.Codes.Select(c => c.Value));
    }

    [Fact]
    public void TheNineteenMunicipalitiesHaveTheirNisCodes()
    {
        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"210{i:00}"), Current.Municipalities.Select(m => m.Nis));
        Assert.Equal("Schaarbeek", Current.FindMunicipality("21015")!.Name.Nl);
        Assert.Equal("Schaerbeek", Current.FindMunicipality("21015")!.Name.Fr);
    }

    [Fact]
    public void BrusselsCityHasItsThreePartsByPostcode()
    {
        var brussels = Current.FindMunicipality("21004")!;

        Assert.Equal(["1020", "1120", "1130"], brussels.Parts.Select(p => p.Postcode));
        Assert.Equal("Laken", brussels.PartForPostcode("1020")!.Name.Nl);
        Assert.Null(brussels.PartForPostcode("1030"));
    }

    [Fact]
    public void EveryNeighbourhoodLiesInAKnownMunicipality()
    {
        Assert.Equal(26, Current.Neighbourhoods.Count);
        Assert.All(Current.Neighbourhoods, n => Assert.NotNull(Current.FindMunicipality(n.Municipality)));
        Assert.Equal("21015", Current.FindNeighbourhood("23")!.Municipality);
        Assert.Equal("21007", Current.FindNeighbourhood("803")!.Municipality);
    }

    [Fact]
    public void CodesAreUniqueWithinEachList()
    {
        Assert.All(Current.CodeLists, list => Assert.Equal(list.Codes.Count, list.Codes.Select(c => c.Value).Distinct().Count()));
        Assert.Equal(Current.Neighbourhoods.Count, Current.Neighbourhoods.Select(n => n.Code).Distinct().Count());
    }

    [Fact]
    public void EveryLabelExistsInDutchFrenchAndEnglish()
    {
        var labels = Current.CodeLists.SelectMany(l => l.Codes.Select(c => c.Label))
            .Concat(Current.Municipalities.Select(m => m.Name))
            .Concat(Current.Municipalities.SelectMany(m => m.Parts.Select(p => p.Name)))
            .Concat(Current.Neighbourhoods.Select(n => n.Name));

        Assert.All(labels, label =>
        {
            Assert.False(string.IsNullOrWhiteSpace(label.Nl));
            Assert.False(string.IsNullOrWhiteSpace(label.Fr));
            Assert.False(string.IsNullOrWhiteSpace(label.En));
        });
    }

    [Fact]
    public void LabelsComeInTheLanguageAsked()
    {
        var food = Current.Themes.Find("D")!.Label;

        Assert.Equal("Voedselhulp", food.In(ReportLanguage.Nl));
        Assert.Equal("Aide alimentaire", food.In(ReportLanguage.Fr));
        Assert.Equal("Food aid", food.In(ReportLanguage.En));
    }

    [Fact]
    public void ARetiredCodeIsKnownButNotActive()
    {
        var list = new CodeList("test", [new Code("old", new Label("oud", "ancien", "old"), Retired: true), new Code("new", new Label("nieuw", "nouveau", "new"))]);

        Assert.False(list.IsActive("old"));
        Assert.Equal("oud", list.Find("old")!.Label.Nl);
        Assert.True(list.IsActive("new"));
    }

    [Fact]
    public void TheCurrentVersionIsFoundByItsId()
    {
        Assert.Same(Current, ReferenceCatalog.Find(Current.Version));
        Assert.Null(ReferenceCatalog.Find("1999.1"));
    }
}
