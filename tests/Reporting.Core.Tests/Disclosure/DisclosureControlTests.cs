using Reporting.Disclosure;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Disclosure;

/// <summary>
/// Funder workbooks as the disclosure control decides them: checked with rules worked out apart from it (no small
/// count shown, no partition's total shown with one hidden count in it) and by the audit, on the cases that leaked
/// and on many random months and quarters.
/// </summary>
public sealed class DisclosureControlTests
{
    private const int Threshold = 5;
    private static readonly ReferenceData Reference = ReferenceCatalog.Current;
    private static readonly IReadOnlyList<string> BrusselsParts = Reference.FindMunicipality(ReportAggregator.BrusselsCity)!.Parts.Select(p => p.Code).ToList();

    private static string Hash(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)));

    /// <summary>Random entries and activities with the skew of real data: a few municipalities and themes far ahead.</summary>
    private static ReportAggregator Random(ReportScope scope, int entries, int seed)
    {
        var random = new Random(seed);
        string Pick(params string[] codes) => codes[random.Next(codes.Length)];
        string Some(int min, int max, params string[] codes) => string.Join(",", codes.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)));
        var data = new ReportAggregator(scope, Reference);
        for (var i = 0; i < entries; i++)
        {
            data.AddEntry(new EntryFacts(Hash(seed * 100_000 + i), Pick("21015", "21015", "21012", "21001", "21004", "21004", "21009"), random.Next(4) == 0 ? "1020" : null,
                Pick("host-partner", "word-of-mouth", "public-space", "public-space", "local-partner"), Pick("self", "self", "intermediary", "outreach"),
                Pick("office", "office", "outside", "phone"), Some(1, 2, "inform", "refer-service", "direct-action", "listen"),
                Some(0, 2, "non-knowledge", "non-request", "exclusion"), Some(1, 3, "E", "F", "K", "D", "P", "S", "A"),
                random.Next(3) == 0 ? null : Some(0, 2, "language", "digital", "isolation"), Reference.Version));
        }
        for (var i = 0; i < entries / 4; i++)
        {
            data.AddActivity(new ActivityFacts(Hash(seed * 100_000 + 50_000 + i), Pick("21015", "21001", "21004"), null, $"Stand {i % 5}", Pick("market-stand", "workshop"),
                Some(1, 2, "E", "O", "S"), random.Next(3) == 0 ? null : random.Next(5, 60), Reference.Version)
            {
                Regularity = Pick("regular", "one-off"),
                Organisation = Pick("own", "joined"),
            });
        }
        return data;
    }

    /// <summary>Rules any protected workbook keeps, checked without the auditor: no small count shown, no partition with exactly one hidden count under a shown total.</summary>
    private static void AssertProtected(DisclosurePlan plan, ReportAggregator data)
    {
        var truth = WorkbookCells.Of(data);
        foreach (var (id, value) in truth)
        {
            if (value is >= 1 and < Threshold && !plan.Withholds(id))
            {
                Assert.True(plan.Hides(id), $"{id} = {value} is shown");
            }
            Assert.False(value == 0 && plan.Hides(id), $"{id} is 0 and hidden");
        }
        var partitions = WorkbookCells.EntryPartitions.Select(t => (Table: t, Total: WorkbookCells.Entries))
            .Concat(WorkbookCells.ActivityPartitions.Select(t => (Table: t, Total: WorkbookCells.Activities)));
        foreach (var (table, total) in partitions)
        {
            if (plan.Withholds(total) || plan.Hides(total))
            {
                continue;
            }
            var hiddenInTable = truth.Keys.Count(id => id.StartsWith(table + "|", StringComparison.Ordinal) && plan.Hides(id));
            Assert.True(hiddenInTable != 1, $"{table}: one hidden count under a shown total");
        }
        foreach (var theme in data.ThemeAxis.Codes)
        {
            var column = truth.Keys.Where(id => id.StartsWith(WorkbookCells.MunicipalityByTheme + "|", StringComparison.Ordinal) && id.EndsWith("|" + theme, StringComparison.Ordinal)).ToList();
            if (!plan.Withholds(WorkbookCells.Entries) && !plan.Hides(WorkbookCells.OneWay("Themes", theme)))
            {
                Assert.True(column.Count(plan.Hides) != 1, $"Municipality × theme, column {theme}: one hidden count under a shown total");
            }
        }
        Assert.Empty(DisclosureAudit.Run([plan.Published], BrusselsParts).Findings);
    }

    private static readonly string[] LeakedBefore =
        ["Themes|A", "Themes|Z", "NonTakeUp|exclusion", "Vulnerabilities|no-papers", "EntryMunicipalities|21001", "MunicipalityByTheme|21001|A"];

    [Fact]
    public void ThePgbmMonthThatLeakedIsProtectedInEveryTable()
    {
        var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, 3));
        var data = new ReportAggregator(scope, Reference);
        for (var i = 0; i < 3; i++)
        {
            data.AddEntry(new EntryFacts(Hash(i), "21001", null, "public-space", "self", "office", "inform", "", "A", null, Reference.Version));
        }
        for (var i = 3; i < 10; i++)
        {
            data.AddEntry(new EntryFacts(Hash(i), "21015", null, "public-space", "self", "office", "inform", "", "E", null, Reference.Version));
        }
        data.AddEntry(new EntryFacts(Hash(10), "21004", "1020", "public-space", "self", "office", "inform", "exclusion", "Z", "no-papers", Reference.Version));

        var plan = DisclosureControl.Protect("PGBM_2022-03_nl", scope, data, Threshold, []);

        AssertProtected(plan, data);
        Assert.All(LeakedBefore, id => Assert.True(plan.Hides(id), id));
        Assert.False(plan.Hides(WorkbookCells.Entries));
    }

    [Theory]
    [InlineData("21001", null, 3, true)]
    [InlineData(null, "energy-2022", 1, true)]
    [InlineData(null, null, 4, true)]
    [InlineData(null, null, 5, false)]
    public void AScopeWithFewerRecordsThanTheThresholdPublishesNoFigures(string? municipality, string? campaign, int entries, bool withheld)
    {
        var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, 3), municipality, campaign);
        var data = new ReportAggregator(scope, Reference);
        for (var i = 0; i < entries; i++)
        {
            data.AddEntry(new EntryFacts(Hash(i), municipality ?? "21001", null, "public-space", "self", "office", "inform", "exclusion", "Z", "no-papers", Reference.Version));
        }

        var plan = DisclosureControl.Protect("x", scope, data, Threshold, []);

        Assert.Equal(withheld, plan.EntriesWithheld);
        // No activities at all beside too few entries: nothing is published.
        Assert.Equal(withheld, plan.ActivitiesWithheld);
        Assert.Equal(withheld, plan.NoFigures);
        Assert.Equal(withheld, plan.Published.Shown.Keys.All(id => !WorkbookCells.IsEntryCell(id)));
    }

    [Fact]
    public void ManyRandomMonthsArePublishedProtected()
    {
        foreach (var (entries, seed) in new[] { (8, 1), (20, 2), (45, 3), (120, 4), (400, 5) })
        {
            var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, seed));
            var data = Random(scope, entries, seed);

            var plan = DisclosureControl.Protect(scope.Id, scope, data, Threshold, []);

            AssertProtected(plan, data);
            Assert.Equal(plan.Hidden.Order(StringComparer.Ordinal), DisclosureControl.Protect(scope.Id, scope, data, Threshold, []).Hidden.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void AQuarterPublishedAfterItsMonthsHidesWhatWouldGiveAMonthsHiddenCountAway()
    {
        var months = new List<(ReportScope Scope, ReportAggregator Data)>();
        var quarterScope = new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 1));
        var quarter = new ReportAggregator(quarterScope, Reference);
        for (var m = 1; m <= 3; m++)
        {
            var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, m));
            var data = Random(scope, 60, 10 + m);
            months.Add((scope, data));
            var part = Random(quarterScope, 60, 10 + m);
            quarter.Add(part);
        }
        var family = new List<PublishedCells>();
        foreach (var (scope, data) in months)
        {
            family.Add(DisclosureControl.Protect(scope.Id, scope, data, Threshold, family).Published);
        }

        var plan = DisclosureControl.Protect(quarterScope.Id, quarterScope, quarter, Threshold, family);

        Assert.False(plan.FamilyContradictory);
        Assert.Empty(DisclosureAudit.Run([.. family, plan.Published], BrusselsParts).Findings);
        // A small count hidden in exactly one month and shown in the two others is hidden in the quarter too.
        var once = WorkbookCells.Of(quarter).Keys.Where(id => family.Count(f => f.Protected.Contains(id) && f.Hidden.Contains(id)) == 1 && family.Count(f => f.Shown.ContainsKey(id)) == 2).ToList();
        Assert.NotEmpty(once);
        Assert.All(once, id => Assert.True(plan.Hides(id), id));
    }

    [Fact]
    public void AQuarterDoesNotGiveAwayAMonthLeftOutForTooFewRecords()
    {
        var quarterScope = new ReportScope("PGBM", ReportPeriod.ForQuarter(2022, 1));
        var quarter = new ReportAggregator(quarterScope, Reference);
        var family = new List<PublishedCells>();
        foreach (var (month, entries) in new[] { (1, 30), (2, 30), (3, 3) })
        {
            var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, month));
            family.Add(DisclosureControl.Protect(scope.Id, scope, Random(scope, entries, 20 + month), Threshold, family).Published);
            quarter.Add(Random(quarterScope, entries, 20 + month));
        }

        var plan = DisclosureControl.Protect(quarterScope.Id, quarterScope, quarter, Threshold, family);

        Assert.Contains(WorkbookCells.Entries, family[2].LeftOut);
        Assert.True(plan.Hides(WorkbookCells.Entries), "the quarter's entries minus January's and February's would be March's");
        Assert.Empty(DisclosureAudit.Run([.. family, plan.Published], BrusselsParts).Findings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void TheSecondLanguageOfAMonthIsProtectedAsTheFirst(int entries)
    {
        var nl = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 2));
        var fr = nl with { Language = ReportLanguage.Fr };
        var first = DisclosureControl.Protect(nl.Id, nl, Random(nl, entries, 40), Threshold, []);
        var second = DisclosureControl.Protect(fr.Id, fr, Random(fr, entries, 40), Threshold, [first.Published]);

        Assert.Equal(first.Hidden.Order(), second.Hidden.Order());
        Assert.Equal(first.Published.LeftOut.Order(), second.Published.LeftOut.Order());
        Assert.Empty(DisclosureAudit.Run([first.Published, second.Published], BrusselsParts).Findings);
    }

    /// <summary>A quarter of months that each left out their one or two collective activities, in every language.</summary>
    private static (List<PublishedCells> Family, ReportScope Quarter, ReportAggregator Data) QuarterOfFewActivities(int firstEntries)
    {
        var quarterScope = new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 2));
        var quarter = new ReportAggregator(quarterScope, Reference);
        var family = new List<PublishedCells>();
        for (var month = 4; month <= 6; month++)
        {
            foreach (var language in new[] { ReportLanguage.Nl, ReportLanguage.Fr })
            {
                var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, month)) { Language = language };
                var plan = DisclosureControl.Protect(scope.Id, scope, Random(scope, firstEntries + month - 4, 40 + month), Threshold, family);
                Assert.True(plan.ActivitiesWithheld, $"{scope.Id} leaves out its activities");
                family.Add(plan.Published);
            }
            quarter.Add(Random(quarterScope, firstEntries + month - 4, 40 + month));
        }
        return (family, quarterScope, quarter);
    }

    [Fact]
    public void AQuarterShowsTheActivitiesItsMonthsLeftOutAndTheirParticipantsWhateverTheirSum()
    {
        // 7, 8 and 9 entries: 1, 2 and 2 activities, left out of each month; 5 in the quarter, with their participants.
        var (family, quarterScope, quarter) = QuarterOfFewActivities(7);
        Assert.Equal(5, quarter.Activities);
        Assert.True(quarter.Participants > 3 * (Threshold - 1), "the participants of a month's few activities may be many");

        var plan = DisclosureControl.Protect(quarterScope.Id, quarterScope, quarter, Threshold, family);

        Assert.False(plan.ActivitiesWithheld);
        Assert.False(plan.Withdrawn);
        AssertProtected(plan, quarter);
        Assert.Empty(DisclosureAudit.Run([.. family, plan.Published], BrusselsParts).Findings);
    }

    [Fact]
    public void AQuarterWhosePartIsLeftOutLikeItsMonthsIsPublishedAndBoundsNoMonthExactly()
    {
        // 5, 6 and 7 entries: one activity a month, three in the quarter: left out everywhere. The quarter's note
        // (from 1 to 4 activities) and the months' (each from 1 to 4) bound a month to at most 2, not to one value.
        var (family, quarterScope, quarter) = QuarterOfFewActivities(5);
        Assert.Equal(3, quarter.Activities);

        var plan = DisclosureControl.Protect(quarterScope.Id, quarterScope, quarter, Threshold, family);

        Assert.True(plan.ActivitiesWithheld);
        Assert.False(plan.EntriesWithheld);
        Assert.False(plan.Withdrawn);
        Assert.Contains(WorkbookCells.Activities, plan.Published.LeftOut);
        Assert.Empty(DisclosureAudit.Run([.. family, plan.Published], BrusselsParts).Findings);
    }

    [Fact]
    public void ALanguageMadeAfterACorrectionLeftItsPartOutIsAuditedWithinItselfInsteadOfFailing()
    {
        // The Dutch workbook showed 12 entries; records erased since, the French one counts 4 and leaves them out:
        // "from 1 to 4" beside "12" cannot both be true of one month.
        var nl = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3));
        var fr = nl with { Language = ReportLanguage.Fr };
        // A month whose Dutch workbook shows its entries (not hidden to protect a small count).
        var seed = Enumerable.Range(70, 20).First(seed => !DisclosureControl.Protect(nl.Id, nl, Random(nl, 12, seed), Threshold, []).Hides(WorkbookCells.Entries));
        var first = DisclosureControl.Protect(nl.Id, nl, Random(nl, 12, seed), Threshold, []);
        Assert.Equal(12, first.Published.Shown[WorkbookCells.Entries]);

        var second = DisclosureControl.Protect(fr.Id, fr, Random(fr, 4, seed), Threshold, [first.Published]);

        Assert.True(second.EntriesWithheld);
        Assert.True(second.FamilyContradictory);
        Assert.Empty(DisclosureAudit.Run([first.Published, second.Published], BrusselsParts, acrossWorkbooks: false).Findings);
    }
}
