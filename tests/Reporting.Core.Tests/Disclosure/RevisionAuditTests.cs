using Reporting.Disclosure;
using Reporting.Domain.Aggregation;

namespace Reporting.Core.Tests.Disclosure;

/// <summary>What a reader who has two editions of a funder's workbook can subtract.</summary>
public sealed class RevisionAuditTests
{
    private static PublishedCells Edition(Dictionary<string, long> shown, params string[] hidden) =>
        new("BAR_2022-03_nl", PeriodKind.Month, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 31), false, 5,
            shown, hidden.ToHashSet(StringComparer.Ordinal), hidden.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void ASmallChangeShownInBothEditionsOrWorkedOutFromATotalIsFound()
    {
        var first = Edition(new() { ["Entries"] = 40, ["FirstContact|internet"] = 30, ["FirstContact|other"] = 10 });
        // Two late records, both "other": the new edition hides that count, but its total gives the change away.
        var second = Edition(new() { ["Entries"] = 42, ["FirstContact|internet"] = 30 }, "FirstContact|other");

        var small = RevisionAudit.SmallChanges(first, second, 5);

        Assert.Equal(["Entries", "FirstContact|other"], small);
    }

    [Fact]
    public void ChangesOfAtLeastTheThresholdOrHiddenOnBothSidesOfATotalAreNotFound()
    {
        var first = Edition(new() { ["Entries"] = 40, ["FirstContact|internet"] = 30, ["FirstContact|other"] = 10, ["Place|office"] = 25, ["Place|phone"] = 15 });
        // Ten late records: every change shown is 0 or 10; the places' two hidden changes add up to 10, each unknown.
        var second = Edition(new() { ["Entries"] = 50, ["FirstContact|internet"] = 40, ["FirstContact|other"] = 10 }, "Place|office", "Place|phone");

        Assert.Empty(RevisionAudit.SmallChanges(first, second, 5));
        Assert.Empty(RevisionAudit.SmallChanges(first, first, 5));
    }
}
