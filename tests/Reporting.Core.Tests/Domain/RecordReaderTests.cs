using System.Text.Json.Nodes;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

public sealed class RecordReaderTests
{
    private static (LogbookEntry? Entry, Dictionary<string, string[]> Errors) ReadEntry(JsonNode json)
    {
        var errors = new ValidationErrors();
        var entry = Samples.Reader().ReadEntry(json.ToElement(), errors);
        return (entry, errors.ToDictionary());
    }

    private static (CollectiveActivity? Activity, Dictionary<string, string[]> Errors) ReadActivity(JsonNode json)
    {
        var errors = new ValidationErrors();
        var activity = Samples.Reader().ReadActivity(json.ToElement(), errors);
        return (activity, errors.ToDictionary());
    }

    [Fact]
    public void AValidEntryIsReadWithItsListsInReferenceOrder()
    {
        var (entry, errors) = ReadEntry(Samples.Entry().With("themes", new JsonArray("K", "E")).With("actions", new JsonArray("refer-service", "inform")));

        Assert.Empty(errors);
        Assert.NotNull(entry);
        Assert.Equal(["E", "K"], entry.Themes);
        Assert.Equal(["inform", "refer-service"], entry.Actions);
        Assert.Equal(new DateOnly(2022, 3, 14), entry.Date);
        Assert.Equal("21015", entry.Municipality);
    }

    [Fact]
    public void AValidActivityIsRead()
    {
        var (activity, errors) = ReadActivity(Samples.Activity());

        Assert.Empty(errors);
        Assert.NotNull(activity);
        Assert.Equal("1020", activity.Postcode);
        Assert.Equal(35, activity.Participants);
        Assert.Equal(["E", "O", "S"], activity.Themes);
    }

    [Theory]
    [InlineData("programme", "XYZ")]
    [InlineData("firstContact", "carrier-pigeon")]
    [InlineData("initiative", "nobody")]
    [InlineData("place", "moon")]
    [InlineData("campaign", "unknown-2022")]
    public void AnUnknownCodeIsRefusedUnderItsField(string field, string value)
    {
        var (entry, errors) = ReadEntry(Samples.Entry().With(field, value));

        Assert.Null(entry);
        Assert.Equal(["$." + field], errors.Keys);
        Assert.Contains("Unknown code", errors["$." + field][0]);
    }

    [Fact]
    public void AnUnknownCodeInAListIsRefusedAtItsIndex()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("themes", new JsonArray("E", "ZZ")));

        Assert.Equal(["$.themes[1]"], errors.Keys);
    }

    [Fact]
    public void AnUnknownMunicipalityIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("municipality", "99999").Without("neighbourhood"));

        Assert.Equal(["$.municipality"], errors.Keys);
    }

    [Fact]
    public void ADateInTheFutureIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry(date: "2026-11-23"));

        Assert.Equal(["$.date"], errors.Keys);
        Assert.Contains("future", errors["$.date"][0]);
    }

    [Fact]
    public void TodayInBrusselsIsAccepted()
    {
        // 2026-11-22 23:30 UTC is already 2026-11-23 in Brussels.
        var reader = new RecordReader(ReferenceCatalog.Current, new FixedTime(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));
        var errors = new ValidationErrors();

        var entry = reader.ReadEntry(Samples.Entry(date: "2026-11-23").ToElement(), errors);

        Assert.NotNull(entry);
    }

    [Fact]
    public void ADateBefore2020IsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry(date: "2019-12-31"));

        Assert.Equal(["$.date"], errors.Keys);
        Assert.Contains("2020-01-01", errors["$.date"][0]);
    }

    [Theory]
    [InlineData("14/03/2022")]
    [InlineData("2022-02-30")]
    [InlineData("2022-3-14")]
    public void ADateNotWrittenAsYearMonthDayIsRefused(string date)
    {
        var (_, errors) = ReadEntry(Samples.Entry(date: date));

        Assert.Equal(["$.date"], errors.Keys);
    }

    [Fact]
    public void ANeighbourhoodOutsideTheGivenMunicipalityIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("municipality", "21001").With("neighbourhood", "23"));

        Assert.Equal(["$.neighbourhood"], errors.Keys);
        Assert.Contains("21015", errors["$.neighbourhood"][0]);
    }

    [Fact]
    public void TheMunicipalityIsDerivedFromTheNeighbourhood()
    {
        var (entry, errors) = ReadEntry(Samples.Entry().Without("municipality").With("neighbourhood", "11"));

        Assert.Empty(errors);
        Assert.Equal("21001", entry!.Municipality);
        Assert.Equal("11", entry.Neighbourhood);
    }

    [Fact]
    public void ARecordWithoutMunicipalityOrNeighbourhoodIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().Without("municipality").With("neighbourhood", null));

        Assert.Equal(["$.municipality"], errors.Keys);
    }

    [Theory]
    [InlineData("actions")]
    [InlineData("themes")]
    public void AnEmptyRequiredListIsRefused(string field)
    {
        var (_, errors) = ReadEntry(Samples.Entry().With(field, new JsonArray()));

        Assert.Equal(["$." + field], errors.Keys);
    }

    [Fact]
    public void AnEmptyNonTakeUpListMeansNoneFound()
    {
        var (entry, errors) = ReadEntry(Samples.Entry().With("nonTakeUp", new JsonArray()));

        Assert.Empty(errors);
        Assert.Empty(entry!.NonTakeUp);
    }

    [Fact]
    public void AnUnknownPropertyIsRefusedByItsPositionWithoutRepeatingItsName()
    {
        // The sample entry has 14 properties: the unknown one is the 15th.
        var (_, errors) = ReadEntry(Samples.Entry().With("jan.janssens@example.com", "someone"));

        Assert.Equal(["$"], errors.Keys);
        Assert.Equal(
            "Unknown property at position 15 (counted from 1); the properties are: id, programme, workerCode, date, municipality, postcode, "
            + "neighbourhood, firstContact, initiative, place, actions, nonTakeUp, themes, vulnerabilities, campaign.",
            Assert.Single(errors["$"]));
    }

    [Fact]
    public void ManyUnknownPropertiesMakeOneProblem()
    {
        var json = Samples.Entry();
        for (var i = 0; i < 1000; i++)
        {
            json[$"note{i}"] = i;
        }

        var (_, errors) = ReadEntry(json);

        var message = Assert.Single(Assert.Single(errors).Value);
        Assert.StartsWith("Unknown properties at positions 15, 16, 17, 18, 19 and 995 more (counted from 1)", message);
        Assert.DoesNotContain("note", message);
    }

    [Fact]
    public void AListLongerThanItsCodeListIsRefusedAsOneProblem()
    {
        var themes = new JsonArray(Enumerable.Repeat("E", 1600).Select(t => (JsonNode?)t).ToArray());

        var (entry, errors) = ReadEntry(Samples.Entry().With("themes", themes));

        Assert.Null(entry);
        Assert.Equal(["$.themes"], errors.Keys);
        Assert.Equal("At most 26 items: themes has 26 codes, each given at most once.", Assert.Single(errors["$.themes"]));
    }

    [Fact]
    public void AnUnknownCodeIsNotRepeated()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("themes", new JsonArray("E", "JanJanssens")).With("place", "Jan-Janssens").With("municipality", "J@n.b"));

        Assert.Equal(["$.municipality", "$.place", "$.themes[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.DoesNotContain("Jan", m, StringComparison.OrdinalIgnoreCase));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.DoesNotContain("J@n", m, StringComparison.Ordinal));
    }

    [Fact]
    public void ARecordWithManyProblemsListsTheFirstTwentyAndCountsTheRest()
    {
        // 20 invalid worker codes, and every other field wrong too.
        var activity = new JsonObject
        {
            ["id"] = "x", ["programme"] = "x", ["workerCodes"] = new JsonArray(Enumerable.Repeat("not a code", 20).Select(c => (JsonNode?)c).ToArray()),
            ["date"] = "x", ["municipality"] = "x", ["name"] = 1, ["format"] = "x", ["regularity"] = "x", ["organisation"] = "x",
            ["themes"] = new JsonArray("x", "y"), ["participants"] = -1, ["partners"] = -1, ["campaign"] = "x",
        };

        var errors = new ValidationErrors();
        Samples.Reader().ReadActivity(activity.ToElement(), errors);
        var listed = errors.ToDictionary();

        Assert.True(errors.Count > ValidationErrors.MaxListed + 5, $"{errors.Count} problems");
        Assert.Equal(ValidationErrors.MaxListed + 1, listed.Values.Sum(m => m.Length));
        Assert.Equal($"…and {errors.Count - ValidationErrors.MaxListed} more problems not listed; correct those listed and send again.", Assert.Single(listed["$"]));
    }

    [Fact]
    public void NoPathOrMessageIsLongerThanTheBound()
    {
        var errors = new ValidationErrors();
        errors.Add(new string('p', 10_000), Texts.AtMostCharacters.With(new string('m', 10_000)));

        var (path, messages) = Assert.Single(errors.ToDictionary());
        Assert.Equal(ValidationErrors.MaxTextLength, path.Length);
        Assert.Equal(ValidationErrors.MaxTextLength, Assert.Single(messages).Length);
    }

    [Fact]
    public void AnIdThatIsNotAUuidIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry(id: "entry-1"));

        Assert.Equal(["$.id"], errors.Keys);
    }

    [Fact]
    public void AnUppercaseUuidIsStoredInLowercase()
    {
        var (entry, _) = ReadEntry(Samples.Entry(id: "3F2C9A4E-0D7B-4F8E-9A61-2B5F0C1D7E93"));

        Assert.Equal("3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93", entry!.Id);
    }

    [Fact]
    public void ACodeGivenTwiceInAListIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("themes", new JsonArray("E", "E")));

        Assert.Equal(["$.themes[1]"], errors.Keys);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("programme", 7).With("themes", "E"));

        Assert.Equal(["$.programme", "$.themes"], errors.Keys);
    }

    [Fact]
    public void AWorkerCodeThatIsNotACodeIsRefused()
    {
        var (_, errors) = ReadEntry(Samples.Entry().With("workerCode", "Jan Peeters"));

        Assert.Equal(["$.workerCode"], errors.Keys);
    }

    [Fact]
    public void AJsonValueThatIsNotAnObjectIsRefused()
    {
        var (_, errors) = ReadEntry(new JsonArray(1, 2));

        Assert.Equal(["$"], errors.Keys);
    }

    [Fact]
    public void EveryInvalidFieldIsListedAtOnce()
    {
        var json = Samples.Entry(id: "nope", date: "2019-01-01")
            .With("programme", "XYZ")
            .With("themes", new JsonArray())
            .With("extra", true)
            .Without("place");

        var (_, errors) = ReadEntry(json);

        // The unknown property "extra" is told under "$", by its position.
        Assert.Equal(["$", "$.id", "$.programme", "$.date", "$.place", "$.themes"], errors.Keys);
    }

    [Fact]
    public void FieldsTheServiceWritesAreIgnoredWhenSentBack()
    {
        var (entry, errors) = ReadEntry(Samples.Entry().With("referenceVersion", "2026.1").With("recordedAt", "2026-01-01T00:00:00Z"));

        Assert.Empty(errors);
        Assert.NotNull(entry);
    }

    [Fact]
    public void AnActivityNameLongerThan120CharactersIsRefused()
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("name", new string('a', 121)));

        Assert.Equal(["$.name"], errors.Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void AParticipantCountOutOfRangeIsRefused(int participants)
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("participants", participants));

        Assert.Equal(["$.participants"], errors.Keys);
    }

    [Fact]
    public void AFractionalParticipantCountIsRefused()
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("participants", 3.5));

        Assert.Equal(["$.participants"], errors.Keys);
    }

    [Fact]
    public void APostcodeOutsideTheMunicipalityIsRefused()
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("municipality", "21015").With("postcode", "1020"));

        Assert.Equal(["$.postcode"], errors.Keys);
    }

    [Fact]
    public void AnActivityWithoutWorkersIsRefused()
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("workerCodes", new JsonArray()));

        Assert.Equal(["$.workerCodes"], errors.Keys);
    }

    [Fact]
    public void AnInvalidWorkerCodeInAListIsRefusedAtItsIndex()
    {
        var (_, errors) = ReadActivity(Samples.Activity().With("workerCodes", new JsonArray("BAR-07", "someone@example.org")));

        Assert.Equal(["$.workerCodes[1]"], errors.Keys);
    }

    [Fact]
    public void AnActivityWithoutRequiredCodesListsEachOne()
    {
        var (_, errors) = ReadActivity(Samples.Activity().Without("format").Without("regularity").Without("organisation").Without("name"));

        Assert.Equal(["$.name", "$.format", "$.regularity", "$.organisation"], errors.Keys);
    }

    [Fact]
    public void TheSameContentHasTheSameHashWhateverTheOrderOfItsLists()
    {
        var (a, _) = ReadEntry(Samples.Entry(id: "3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93").With("themes", new JsonArray("K", "E")));
        var (b, _) = ReadEntry(Samples.Entry(id: "3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93").With("themes", new JsonArray("E", "K")));
        var (c, _) = ReadEntry(Samples.Entry(id: "3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93").With("themes", new JsonArray("E")));

        Assert.Equal(RecordJson.ContentHash(a!), RecordJson.ContentHash(b!));
        Assert.NotEqual(RecordJson.ContentHash(a!), RecordJson.ContentHash(c!));
        Assert.Equal(["themes"], RecordJson.DifferingFields(a!, c!));
    }
}
