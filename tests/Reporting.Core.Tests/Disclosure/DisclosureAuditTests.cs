using Reporting.Disclosure;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Disclosure;

/// <summary>
/// The auditor refuses workbooks that leak, each worked out by hand: the ways a funder recovered hidden counts from
/// the workbooks of the first version of disclosure control.
/// </summary>
public sealed class DisclosureAuditTests
{
    private const int Threshold = 5;
    private static readonly ReferenceData Reference = ReferenceCatalog.Current;
    private static readonly IReadOnlyList<string> BrusselsParts = Reference.FindMunicipality(ReportAggregator.BrusselsCity)!.Parts.Select(p => p.Code).ToList();

    private static string Hash(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)));

    /// <summary>The PGBM month: 3 in Anderlecht with theme A, 7 in Schaarbeek, 1 in Laken with theme Z, exclusion and no papers.</summary>
    private static ReportAggregator PgbmMonth(ReportScope scope)
    {
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
        return data;
    }

    /// <summary>A workbook as the first version published it: small counts hidden in the crossed tables and per municipality only.</summary>
    private static PublishedCells AsFirstVersionShowed(string report, ReportScope scope, ReportAggregator data)
    {
        var cells = WorkbookCells.Of(data);
        bool CheckedBefore(string id) => WorkbookCells.Parse(id).Column is not null || id.StartsWith("EntryMunicipalities|", StringComparison.Ordinal) || id.StartsWith("ActivityMunicipalities|", StringComparison.Ordinal);
        var hidden = cells.Where(c => c.Value is >= 1 and < Threshold && CheckedBefore(c.Key)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return new PublishedCells(report, scope.Period.Kind, scope.Period.From, scope.Period.To, scope.SplitBrussels, Threshold,
            cells.Where(c => !hidden.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal), hidden, hidden);
    }

    private static PublishedCells Cells(string report, ReportPeriod period, bool split, Dictionary<string, long> shown, params string[] hidden) =>
        new(report, period.Kind, period.From, period.To, split, Threshold, shown, hidden.ToHashSet(StringComparer.Ordinal), hidden.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void OneWayTablesThatShowWhatTheCrossedTablesHideAreRefused()
    {
        var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, 3));
        var workbook = AsFirstVersionShowed("PGBM_2022-03_nl", scope, PgbmMonth(scope));

        var findings = DisclosureAudit.Run([workbook], BrusselsParts).Findings;

        // Shown small counts (A = 3, Z = 1, exclusion = 1, no papers = 1) are findings themselves …
        Assert.Contains(findings, f => f.Cell == "Themes|A" && f.Low == 3 && f.High == 3);
        Assert.Contains(findings, f => f.Cell == "NonTakeUp|exclusion");
        Assert.Contains(findings, f => f.Cell == "Vulnerabilities|no-papers");
        // … and the hidden ones are worked out from them: Anderlecht × A from the one-way A, Anderlecht from 11 − 7 − 1.
        Assert.Contains(findings, f => f.Cell == "MunicipalityByTheme|21001|A" && f.High - f.Low < Threshold - 1);
        Assert.Contains(findings, f => f.Cell == "EntryMunicipalities|21001" && f.High - f.Low < Threshold - 1);
    }

    [Fact]
    public void AWorkbookOfOneMunicipalityThatHidesItsCountButShowsItsTotalIsRefused()
    {
        var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, 3), Municipality: "21001");
        var data = new ReportAggregator(scope, Reference);
        for (var i = 0; i < 3; i++)
        {
            data.AddEntry(new EntryFacts(Hash(i), "21001", null, "public-space", "self", "office", "inform", "", "A", null, Reference.Version));
        }
        var workbook = AsFirstVersionShowed("PGBM_2022-03_nl_m21001", scope, data);

        var findings = DisclosureAudit.Run([workbook], BrusselsParts).Findings;

        Assert.Contains(findings, f => f.Cell == WorkbookCells.Entries && f.Low == 3);
        Assert.Contains(findings, f => f.Cell == "EntryMunicipalities|21001" && f.Low == 3 && f.High == 3);
    }

    [Fact]
    public void ACampaignWorkbookThatShowsOnePersonsProfileIsRefused()
    {
        var scope = new ReportScope("PGBM", ReportPeriod.ForMonth(2022, 3), Campaign: "energy-2022");
        var data = new ReportAggregator(scope, Reference);
        data.AddEntry(new EntryFacts(Hash(1), "21004", "1020", "public-space", "self", "office", "inform", "exclusion", "Z", "no-papers", Reference.Version));
        var workbook = AsFirstVersionShowed("PGBM_2022-03_nl_energy-2022", scope, data);

        var findings = DisclosureAudit.Run([workbook], BrusselsParts).Findings;

        Assert.Contains(findings, f => f.Cell == "FirstContact|public-space" && f.Low == 1);
        Assert.Contains(findings, f => f.Cell == "Vulnerabilities|no-papers" && f.Low == 1);
    }

    [Fact]
    public void AQuarterMinusTwoShownMonthsGivingTheThirdMonthsHiddenCountIsRefused()
    {
        var months = Enumerable.Range(1, 3).Select(m => ReportPeriod.ForMonth(2022, m)).ToList();
        var family = new List<PublishedCells>
        {
            Cells("BAR_2022-01_nl", months[0], false, new() { ["Themes|E"] = 10, ["Themes|K"] = 20 }),
            Cells("BAR_2022-02_nl", months[1], false, new() { ["Themes|E"] = 12, ["Themes|K"] = 20 }),
            Cells("BAR_2022-03_nl", months[2], false, new() { ["Themes|K"] = 20 }, "Themes|E"),
            Cells("BAR_2022-Q1_nl", ReportPeriod.ForQuarter(2022, 1), false, new() { ["Themes|E"] = 24, ["Themes|K"] = 60 }),
        };

        var findings = DisclosureAudit.Run(family, BrusselsParts).Findings;
        var withoutQuarter = DisclosureAudit.Run(family.Take(3).ToList(), BrusselsParts).Findings;
        var quarterHidingIt = DisclosureAudit.Run([.. family.Take(3), Cells("BAR_2022-Q1_nl", ReportPeriod.ForQuarter(2022, 1), false, new() { ["Themes|K"] = 60 }, "Themes|E")], BrusselsParts).Findings;

        var finding = Assert.Single(findings);
        Assert.Equal(("BAR_2022-03_nl", "Themes|E", 2.0, 2.0), (finding.Report, finding.Cell, Math.Round(finding.Low), Math.Round(finding.High)));
        Assert.Empty(withoutQuarter);
        Assert.Empty(quarterHidingIt);
    }

    [Fact]
    public void ASplitWorkbookThatShowsBrusselsRestAndAWholeOneThatShowsBrusselsGiveAwayAHiddenPart()
    {
        var month = ReportPeriod.ForMonth(2022, 3);
        var laken = BrusselsParts[0];
        var whole = Cells("BAR_2022-03_nl", month, false, new() { ["EntryMunicipalities|21004"] = 20 });
        var split = Cells("BAR_2022-03_nl_split", month, true,
            new() { ["EntryMunicipalities|21004"] = 18, [$"EntryMunicipalities|{BrusselsParts[1]}"] = 0, [$"EntryMunicipalities|{BrusselsParts[2]}"] = 0 },
            $"EntryMunicipalities|{laken}");

        var finding = Assert.Single(DisclosureAudit.Run([whole, split], BrusselsParts).Findings);

        Assert.Equal($"EntryMunicipalities|{laken}", finding.Cell);
        Assert.Equal(2, Math.Round(finding.High));
    }

    [Fact]
    public void TwoHiddenCountsOfOneTotalWithRoomEnoughBetweenThemPass()
    {
        var month = ReportPeriod.ForMonth(2022, 3);
        // Initiative: self 20 shown, intermediary and outreach hidden, 26 entries: they share 6, each anywhere in 1..5.
        var workbook = Cells("BAR_2022-03_nl", month, false, new() { [WorkbookCells.Entries] = 26, ["Initiative|self"] = 20 }, "Initiative|intermediary", "Initiative|outreach");
        // With 23 entries they share 3: each is 1 or 2, fewer than five values.
        var narrower = Cells("BAR_2022-03_nl", month, false, new() { [WorkbookCells.Entries] = 23, ["Initiative|self"] = 20 }, "Initiative|intermediary", "Initiative|outreach");

        Assert.Empty(DisclosureAudit.Run([workbook], BrusselsParts).Findings);
        Assert.Equal(2, DisclosureAudit.Run([narrower], BrusselsParts).Findings.Count);
    }

    [Fact]
    public void WorkbooksOfOnePeriodMadeFromDifferentRecordsAreAuditedEachOnItsOwnAndSaySo()
    {
        var month = ReportPeriod.ForMonth(2022, 3);
        var before = Cells("BAR_2022-03_nl", month, false, new() { ["Themes|E"] = 10 });
        var after = Cells("BAR_2022-03_fr", month, false, new() { ["Themes|E"] = 11 });

        var audit = DisclosureAudit.Run([before, after], BrusselsParts);

        Assert.True(audit.FamilyContradictory);
        Assert.Empty(audit.Findings);
    }
}
