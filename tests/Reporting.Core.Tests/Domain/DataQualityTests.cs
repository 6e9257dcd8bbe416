using Reporting.Domain;

namespace Reporting.Core.Tests.Domain;

public sealed class DataQualityTests
{
    private static readonly ReferenceData Current = ReferenceCatalog.Current;

    /// <summary>The reference data with theme K retired (as a taxonomy change would), everything else as it is.</summary>
    private static ReferenceData WithRetiredTheme(string retired) => new()
    {
        Version = Current.Version,
        ValidFrom = Current.ValidFrom,
        Programmes = Current.Programmes,
        Themes = new CodeList(Current.Themes.Name, [.. Current.Themes.Codes.Select(c => c.Value == retired ? c with { Retired = true } : c)]),
        NonTakeUp = Current.NonTakeUp,
        FirstContact = Current.FirstContact,
        Initiative = Current.Initiative,
        Places = Current.Places,
        Actions = Current.Actions,
        Vulnerabilities = Current.Vulnerabilities,
        ActivityFormats = Current.ActivityFormats,
        Regularity = Current.Regularity,
        Organisation = Current.Organisation,
        Campaigns = Current.Campaigns,
        Municipalities = Current.Municipalities,
        Neighbourhoods = Current.Neighbourhoods,
    };

    private static LogbookEntry Entry(string id, string worker, string date, string municipality = "21015", string? postcode = null, string? neighbourhood = "23", string[]? themes = null) => new()
    {
        Id = id,
        Programme = "BAR",
        WorkerCode = worker,
        Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Municipality = municipality,
        Postcode = postcode,
        Neighbourhood = neighbourhood,
        FirstContact = "public-space",
        Initiative = "outreach",
        Place = "outside",
        Actions = ["inform"],
        NonTakeUp = [],
        Themes = themes ?? ["E"],
        Vulnerabilities = [],
    };

    [Fact]
    public void RetiredAndUnknownCodesAndUnplacedBrusselsRecordsAreNamedWithTheirField()
    {
        var quality = new DataQuality(WithRetiredTheme("K"));

        quality.AddEntry(Entry("a", "BAR-07", "2022-03-01", themes: ["E", "K"]));
        quality.AddEntry(Entry("b", "BAR-07", "2022-03-02", themes: ["COVID-X"]));
        quality.AddEntry(Entry("c", "BAR-12", "2022-04-02", municipality: "21004", neighbourhood: null));
        quality.AddEntry(Entry("d", "BAR-12", "2022-04-03", municipality: "21004", postcode: "1020", neighbourhood: null));
        quality.AddEntry(Entry("e", "BAR-12", "2022-04-04", municipality: "21001", neighbourhood: "23"));
        var result = quality.Result();

        Assert.Equal(
            [
                new QualityFinding("entry", "a", "themes", "K", "retired-code"),
                new QualityFinding("entry", "b", "themes", "COVID-X", "unknown-code"),
                new QualityFinding("entry", "c", "postcode", null, "brussels-city-no-part"),
                new QualityFinding("entry", "e", "neighbourhood", "23", "unknown-code"),
            ],
            result.Findings);
        Assert.Equal(4, result.FindingsCount);
        Assert.Equal([new WorkerMonth("BAR-07", "2022-03", 2, 0), new WorkerMonth("BAR-12", "2022-04", 3, 0)], result.PerWorker);
        Assert.Equal([new RecordRef("entry", "c"), new RecordRef("entry", "d")], result.WithoutNeighbourhood);
        Assert.False(result.Truncated);
    }

    [Fact]
    public void ListsStopAtTheirBoundButCountsGoOn()
    {
        var quality = new DataQuality(Current);
        var count = DataQuality.MaxListed + 3;

        for (var i = 0; i < count; i++)
        {
            quality.AddEntry(Entry($"id{i}", "BAR-07", "2022-03-01", neighbourhood: null, themes: ["COVID-X"]));
        }
        var result = quality.Result();

        Assert.Equal(count, result.EntriesWithoutNeighbourhood);
        Assert.Equal(DataQuality.MaxListed, result.WithoutNeighbourhood.Count);
        Assert.Equal(count, result.FindingsCount);
        Assert.Equal(DataQuality.MaxListed, result.Findings.Count);
        Assert.True(result.Truncated);
    }
}
