using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Domain;

public sealed class ReportAggregatorTests
{
    private static readonly ReferenceData Reference = ReferenceCatalog.Current;
    private static readonly ReportScope March = new("BAR", ReportPeriod.ForMonth(2022, 3));

    private static string Hash(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)n]));

    private static EntryFacts Entry(int n, string municipality, string firstContact, string initiative, string place, string actions, string nonTakeUp, string themes, string version = "2026.1") =>
        new(Hash(n), municipality, null, firstContact, initiative, place, actions, nonTakeUp, themes, null, version);

    /// <summary>Three entries whose counts are worked out by hand in the tests below.</summary>
    private static ReportAggregator ThreeEntries()
    {
        var aggregator = new ReportAggregator(March, Reference);
        aggregator.AddEntry(Entry(1, "21015", "public-space", "outreach", "outside", "inform,refer-service", "non-knowledge", "E,K"));
        aggregator.AddEntry(Entry(2, "21015", "host-partner", "self", "office", "inform", "", "E"));
        aggregator.AddEntry(Entry(3, "21001", "public-space", "self", "office", "listen", "non-knowledge,non-request", "K,S"));
        return aggregator;
    }

    private static long Count(Tally tally, string code) => tally[tally.Axis.Codes.ToList().IndexOf(code)];

    private static long Cell(CrossTally cross, string row, string column) =>
        cross[cross.Rows.Codes.ToList().IndexOf(row), cross.Columns.Codes.ToList().IndexOf(column)];

    [Fact]
    public void SingleValuedFieldsCountEachRecordOnce()
    {
        var data = ThreeEntries();

        Assert.Equal(3, data.Entries);
        Assert.Equal(2, Count(data.FirstContact, "public-space"));
        Assert.Equal(1, Count(data.FirstContact, "host-partner"));
        Assert.Equal(2, Count(data.Initiative, "self"));
        Assert.Equal(1, Count(data.Initiative, "outreach"));
        Assert.Equal(2, Count(data.Places, "office"));
        Assert.Equal(2, Count(data.EntryMunicipalities, "21015"));
        Assert.Equal(3, data.FirstContact.Records);
    }

    [Fact]
    public void MultiValuedFieldsCountARecordOnceUnderEachCode()
    {
        var data = ThreeEntries();

        Assert.Equal(2, Count(data.Actions, "inform"));
        Assert.Equal(1, Count(data.Actions, "refer-service"));
        Assert.Equal(1, Count(data.Actions, "listen"));
        Assert.Equal(2, Count(data.EntryThemes, "E"));
        Assert.Equal(2, Count(data.EntryThemes, "K"));
        Assert.Equal(1, Count(data.EntryThemes, "S"));
        Assert.Equal(2, Count(data.NonTakeUp, "non-knowledge"));
        Assert.Equal(1, Count(data.NonTakeUp, "non-request"));
        Assert.Equal(3, data.EntryThemes.Records);
        Assert.Equal(3, data.NonTakeUp.Records);
    }

    [Fact]
    public void EveryReferenceCodeHasARowEvenAtZero()
    {
        var data = ThreeEntries();

        Assert.Equal(26, data.EntryThemes.Axis.Count);
        Assert.Equal(0, Count(data.EntryThemes, "A"));
        Assert.Equal(7, data.FirstContact.Axis.Count);
        Assert.Equal(0, Count(data.FirstContact, "internet"));
        Assert.Equal(19, data.EntryMunicipalities.Axis.Count);
        Assert.Equal(0, Count(data.EntryMunicipalities, "21019"));
        Assert.Equal(5, data.MunicipalityByNonTakeUp.Columns.Count);
    }

    [Fact]
    public void MunicipalityByThemeCountsEachThemeOfARecordInItsMunicipality()
    {
        var cross = ThreeEntries().MunicipalityByTheme;

        Assert.Equal(2, Cell(cross, "21015", "E"));
        Assert.Equal(1, Cell(cross, "21015", "K"));
        Assert.Equal(1, Cell(cross, "21001", "K"));
        Assert.Equal(1, Cell(cross, "21001", "S"));
        Assert.Equal(0, Cell(cross, "21001", "E"));
        Assert.Equal(2, cross.RowRecords(cross.Rows.Codes.ToList().IndexOf("21015")));
        Assert.Equal(3, cross.Records);
    }

    [Fact]
    public void MunicipalityByNonTakeUpLeavesOutRecordsWithoutAMechanism()
    {
        var cross = ThreeEntries().MunicipalityByNonTakeUp;

        Assert.Equal(1, Cell(cross, "21015", "non-knowledge"));
        Assert.Equal(1, Cell(cross, "21001", "non-knowledge"));
        Assert.Equal(1, Cell(cross, "21001", "non-request"));
        Assert.Equal(2, cross.Records);
        Assert.Equal(1, cross.RowRecords(cross.Rows.Codes.ToList().IndexOf("21015")));
    }

    [Fact]
    public void ThemeByNonTakeUpCrossesEveryThemeWithEveryMechanismOfARecord()
    {
        var cross = ThreeEntries().ThemeByNonTakeUp;

        Assert.Equal(1, Cell(cross, "E", "non-knowledge"));
        Assert.Equal(2, Cell(cross, "K", "non-knowledge"));
        Assert.Equal(1, Cell(cross, "K", "non-request"));
        Assert.Equal(1, Cell(cross, "S", "non-knowledge"));
        Assert.Equal(1, Cell(cross, "S", "non-request"));
        Assert.Equal(0, Cell(cross, "E", "non-request"));
        Assert.Equal(2, cross.ColumnRecords(cross.Columns.Codes.ToList().IndexOf("non-knowledge")));
        Assert.Equal(2, cross.Records);
    }

    [Fact]
    public void ARecordUnderAnOlderReferenceVersionIsCountedUnderItsOwnCodes()
    {
        var data = new ReportAggregator(March, Reference);
        data.AddEntry(Entry(1, "21015", "public-space", "self", "office", "inform", "", "E,COVID-X", version: "2021.1"));

        Assert.Equal(1, Count(data.EntryThemes, "COVID-X"));
        Assert.Equal(1, Count(data.EntryThemes, "E"));
        Assert.Equal(27, data.EntryThemes.Axis.Count);
        Assert.Equal(["2021.1"], data.ReferenceVersions);
    }

    [Fact]
    public void ActivitiesAreCountedPerMunicipalityThemeAndTypeWithTheirParticipants()
    {
        var data = new ReportAggregator(March, Reference);
        data.AddActivity(new ActivityFacts(Hash(1), "21004", "1020", "Stand markt", "market-stand", "O,S", 30, "2026.1"));
        data.AddActivity(new ActivityFacts(Hash(2), "21004", null, " stand MARKT ", "market-stand", "O", 10, "2026.1"));
        data.AddActivity(new ActivityFacts(Hash(3), "21015", null, "Infosessie", "workshop", "E", null, "2026.1"));

        Assert.Equal(3, data.Activities);
        Assert.Equal(2, Count(data.ActivityMunicipalities, "21004"));
        Assert.Equal(2, Count(data.ActivityThemes, "O"));
        Assert.Equal(40, data.Participants);
        Assert.Equal(2, data.ActivitiesWithParticipants);
        Assert.Equal(2, data.DistinctActivityTypes);
        Assert.Equal(2, data.MunicipalitiesReached);
        Assert.Equal(1, Cell(data.ActivityMunicipalityByTheme, "21004", "S"));
    }

    [Fact]
    public void BrusselsCityCanBeSplitIntoItsParts()
    {
        var split = new ReportAggregator(March with { SplitBrussels = true }, Reference);
        split.AddActivity(new ActivityFacts(Hash(1), "21004", "1020", "a", "other", "O", null, "2026.1"));
        split.AddActivity(new ActivityFacts(Hash(2), "21004", "1130", "b", "other", "O", null, "2026.1"));
        split.AddActivity(new ActivityFacts(Hash(3), "21004", null, "c", "other", "O", null, "2026.1"));

        Assert.Equal(1, Count(split.ActivityMunicipalities, "21004-laken"));
        Assert.Equal(1, Count(split.ActivityMunicipalities, "21004-haren"));
        Assert.Equal(0, Count(split.ActivityMunicipalities, "21004-noh"));
        Assert.Equal(1, Count(split.ActivityMunicipalities, "21004"));
        Assert.Equal(1, split.MunicipalitiesReached);
        Assert.Equal(22, split.MunicipalityAxis.Count);
    }

    [Fact]
    public void WholeBrusselsCityCountsItsPartsAsItself()
    {
        var whole = new ReportAggregator(March, Reference);
        whole.AddActivity(new ActivityFacts(Hash(1), "21004", "1020", "a", "other", "O", null, "2026.1"));

        Assert.Equal(1, Count(whole.ActivityMunicipalities, "21004"));
        Assert.Equal(19, whole.MunicipalityAxis.Count);
    }

    [Fact]
    public void TheFingerprintDependsOnTheRecordsNotOnTheirOrder()
    {
        var forward = new ReportAggregator(March, Reference);
        var backward = new ReportAggregator(March, Reference);
        var other = new ReportAggregator(March, Reference);
        var entries = Enumerable.Range(1, 5).Select(n => Entry(n, "21015", "other", "self", "office", "inform", "", "E")).ToList();
        entries.ForEach(e => forward.AddEntry(e));
        entries.AsEnumerable().Reverse().ToList().ForEach(e => backward.AddEntry(e));
        entries.Take(4).ToList().ForEach(e => other.AddEntry(e));

        Assert.Equal(forward.Fingerprint, backward.Fingerprint);
        Assert.NotEqual(forward.Fingerprint, other.Fingerprint);
        Assert.Equal(64, forward.Fingerprint.Length);
    }
    /// <summary>Every figure an aggregator holds, by code, so that two aggregators can be compared whole.</summary>
    private static string Figures(ReportAggregator data)
    {
        static string Of(Tally t) => string.Join(",", t.Axis.Codes.Select((c, i) => (c, n: t[i])).Where(x => x.n != 0).OrderBy(x => x.c, StringComparer.Ordinal).Select(x => $"{x.c}={x.n}")) + $"|{t.Records}";
        static string Cross(CrossTally t) =>
            string.Join(",", t.Rows.Codes.SelectMany((r, i) => t.Columns.Codes.Select((c, j) => (key: $"{r}x{c}", n: t[i, j]))).Where(x => x.n != 0).OrderBy(x => x.key, StringComparer.Ordinal).Select(x => $"{x.key}={x.n}"))
            + "|" + string.Join(",", t.Rows.Codes.Select((r, i) => (r, n: t.RowRecords(i))).Where(x => x.n != 0).OrderBy(x => x.r, StringComparer.Ordinal).Select(x => $"{x.r}={x.n}"))
            + "|" + string.Join(",", t.Columns.Codes.Select((c, j) => (c, n: t.ColumnRecords(j))).Where(x => x.n != 0).OrderBy(x => x.c, StringComparer.Ordinal).Select(x => $"{x.c}={x.n}"))
            + $"|{t.Records}";
        return string.Join("\n", new[]
        {
            $"{data.Entries} {data.Activities} {data.Participants} {data.ActivitiesWithParticipants} {data.DistinctActivityTypes} {data.MunicipalitiesReached} {data.Fingerprint}",
            string.Join(",", data.ReferenceVersions.Order(StringComparer.Ordinal)),
            Of(data.EntryMunicipalities), Of(data.FirstContact), Of(data.Initiative), Of(data.Places), Of(data.Actions), Of(data.NonTakeUp),
            Of(data.EntryThemes), Of(data.Vulnerabilities), Cross(data.MunicipalityByTheme), Cross(data.MunicipalityByNonTakeUp), Cross(data.ThemeByNonTakeUp),
            Of(data.ActivityMunicipalities), Of(data.ActivityThemes), Of(data.ActivityFormats), Cross(data.ActivityMunicipalityByTheme),
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PartsCountedApartAndAddedUpGiveTheFiguresOfCountingThemAllTogether(bool splitBrussels)
    {
        var scope = March with { SplitBrussels = splitBrussels };
        var random = new Random(11);
        string Pick(params string[] codes) => codes[random.Next(codes.Length)];
        string Some(params string[] codes) => string.Join(",", codes.OrderBy(_ => random.Next()).Take(random.Next(0, 4)));
        var entries = Enumerable.Range(0, 600).Select(n => new EntryFacts(Hash(n % 256) + n, Pick("21004", "21015", "21001", "99999"), Pick("1020", "1120", "1000", null!),
            Pick("public-space", "host-partner", "old-code"), Pick("self", "outreach"), Pick("office", "outside"), Some("inform", "listen", "refer-service"),
            Some("non-knowledge", "non-request", "exclusion"), Some("E", "K", "S", "COVID-X") is { Length: > 0 } t ? t : "E", random.Next(3) == 0 ? null : Some("language", "digital"),
            Pick("2026.1", "2021.1"))).ToList();
        var activities = Enumerable.Range(0, 150).Select(n => new ActivityFacts(Hash(n), Pick("21004", "21015", "88888"), Pick("1020", null!), Pick("Stand", " stand ", "Infosessie", "Buurtfeest"),
            Pick("market-stand", "workshop", "old-format"), Some("O", "S", "E", "ZZ") is { Length: > 0 } t ? t : "O", random.Next(4) == 0 ? null : random.Next(0, 80), Pick("2026.1", "2021.1"))).ToList();

        var together = new ReportAggregator(scope, Reference);
        entries.ForEach(e => together.AddEntry(e));
        activities.ForEach(a => together.AddActivity(a));
        var total = new ReportAggregator(scope, Reference);
        foreach (var part in Enumerable.Range(0, 7))
        {
            // Each part meets the codes in its own order, so its axes list unknown codes in another order.
            var counted = new ReportAggregator(scope, Reference);
            foreach (var e in entries.Where((_, i) => i % 7 == part).Reverse())
            {
                counted.AddEntry(e);
            }
            foreach (var a in activities.Where((_, i) => i % 7 == part))
            {
                counted.AddActivity(a);
            }
            total.Add(counted);
        }

        Assert.Equal(Figures(together), Figures(total));
        Assert.Contains("COVID-X", total.EntryThemes.Axis.Codes);
        Assert.Throws<ArgumentException>(() => total.Add(new ReportAggregator(scope with { Language = ReportLanguage.Fr }, Reference)));
    }
}
