using Reporting.Domain.Aggregation;

namespace Reporting.Disclosure;

/// <summary>A workbook could not be protected: it must not be published.</summary>
public sealed class DisclosureException(string message) : Exception(message);

/// <summary>
/// What a funder's workbook shows, hides and leaves out, decided before it is laid out. <see cref="Withdrawn"/>:
/// the workbook shows no figures because none could be shown without giving away a small count (hidden here or in
/// a workbook of its family), whatever its number of records.
/// </summary>
public sealed record DisclosurePlan(int Threshold, bool EntriesWithheld, bool ActivitiesWithheld, IReadOnlySet<string> Hidden, PublishedCells Published, bool FamilyContradictory, bool Withdrawn = false)
{
    public bool Hides(string id) => Hidden.Contains(id);

    /// <summary>Whether a count belongs to a part of the workbook left out for too few records, or to details left out.</summary>
    public bool Withholds(string id) =>
        (WorkbookCells.IsEntryCell(id) ? EntriesWithheld : ActivitiesWithheld)
        || (TrendWithheld && WorkbookCells.IsTrend(id))
        || (DetailsWithheld && WorkbookCells.IsDetail(id));

    /// <summary>No figures of either kind: too few records, or <see cref="Withdrawn"/>.</summary>
    public bool NoFigures => EntriesWithheld && ActivitiesWithheld;

    /// <summary>
    /// The trend per month is left out: with it, no figure could be shown without giving a small count away (a
    /// month of few records beside its own workbook); without it, the workbook's other figures can.
    /// </summary>
    public bool TrendWithheld { get; init; }

    /// <summary>
    /// The details (neighbourhoods, collective actions by regularity and organisation, participants per format) are
    /// left out too, for the same reason: the workbook then shows what it showed before it had them.
    /// </summary>
    public bool DetailsWithheld { get; init; }
}

/// <summary>
/// Disclosure control of a funder's workbook, over every count it shows and together with the funder workbooks
/// already published for the same programme and year (its family):
/// <list type="number">
/// <item>A part (entries, collective activities) with from 1 to threshold − 1 records is left out: the workbook says
/// there are too few records to publish its figures.</item>
/// <item>Primary rule: every count from 1 to threshold − 1 is hidden, wherever it stands (a one-way table, a
/// crossed table, a margin, a total, the summary).</item>
/// <item>Secondary protection: where a relation that must add up (a partition and its total, a quarter and its
/// months) has a hidden small count as its only unknown, its smallest shown count of this workbook is hidden too;
/// then the audit (<see cref="DisclosureAudit"/>) works out, for every hidden small count the workbook reaches, the
/// range of values consistent with what the family shows, and while one is narrower than the threshold, a shown
/// count of this workbook related to it is hidden: the first, through the fewest relations and smallest, that
/// widens the range.</item>
/// <item>The final audit finds nothing, or the workbook is not published.</item>
/// </list>
/// Zeros are always shown. Nothing random: the same records and family give the same workbook.
/// </summary>
public static class DisclosureControl
{
    /// <param name="report">The report's id, as the family knows its workbook.</param>
    /// <param name="scope">What the report covers.</param>
    /// <param name="data">The counted records.</param>
    /// <param name="threshold">The smallest count shown.</param>
    /// <param name="family">What the family's other workbooks published.</param>
    /// <param name="replaces">
    /// The last final edition of this report, which stays downloadable beside the new one: a count it showed that
    /// changed by fewer than the threshold (a few late, corrected or erased records) is hidden in the new edition, so
    /// that subtracting the two tells nothing about those few records.
    /// </param>
    public static DisclosurePlan Protect(string report, ReportScope scope, ReportAggregator data, int threshold, IReadOnlyList<PublishedCells> family, PublishedCells? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 2);
        var truth = WorkbookCells.Of(data);
        var plan = Protect(report, scope, data, threshold, family, truth, replaces);
        // The trend and the details are additions to the workbook's figures, never the reason to show none of them:
        // without the trend, then without the details too, as long as that lets the workbook show figures.
        if (plan.Withdrawn && truth.Keys.Any(WorkbookCells.IsTrend))
        {
            var withoutTrend = Protect(report, scope, data, threshold, family, Without(truth, WorkbookCells.IsTrend), replaces);
            plan = withoutTrend.Withdrawn ? plan : withoutTrend with { TrendWithheld = true };
        }
        if (plan.Withdrawn && truth.Keys.Any(WorkbookCells.IsDetail))
        {
            var basic = Protect(report, scope, data, threshold, family, Without(truth, id => WorkbookCells.IsTrend(id) || WorkbookCells.IsDetail(id)), replaces);
            plan = basic.Withdrawn ? plan : basic with { TrendWithheld = truth.Keys.Any(WorkbookCells.IsTrend), DetailsWithheld = true };
        }
        return plan;
    }

    private static Dictionary<string, long> Without(IReadOnlyDictionary<string, long> cells, Func<string, bool> left) =>
        cells.Where(c => !left(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    private static DisclosurePlan Protect(string report, ReportScope scope, ReportAggregator data, int threshold, IReadOnlyList<PublishedCells> family, IReadOnlyDictionary<string, long> truth, PublishedCells? replaces)
    {
        try
        {
            return Protect(report, scope, data, threshold, family, truth, replaces, acrossWorkbooks: true);
        }
        catch (FamilyContradictionException)
        {
            // Workbooks of the family made from different states of the records: as when their shown counts say so,
            // each is audited within itself.
            return Protect(report, scope, data, threshold, family, truth, replaces, acrossWorkbooks: false);
        }
    }

    private static DisclosurePlan Protect(string report, ReportScope scope, ReportAggregator data, int threshold, IReadOnlyList<PublishedCells> family, IReadOnlyDictionary<string, long> truth, PublishedCells? replaces, bool acrossWorkbooks)
    {
        var parts = data.Reference.FindMunicipality(ReportAggregator.BrusselsCity)?.Parts.Select(p => p.Code).ToList() ?? [];
        // A part with too few records is left out; so is a part without any beside one left out (its zeros would
        // say nothing, and the workbook has no figures to give).
        var entriesSmall = IsSmall(data.Entries, threshold) || (data.Entries == 0 && IsSmall(data.Activities, threshold));
        var activitiesSmall = IsSmall(data.Activities, threshold) || (data.Activities == 0 && IsSmall(data.Entries, threshold));
        var (entriesWithheld, activitiesWithheld, withdrawn) = (entriesSmall, activitiesSmall, false);
        var published = truth.Where(c => !(WorkbookCells.IsEntryCell(c.Key) ? entriesWithheld : activitiesWithheld))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var primary = published.Where(c => IsSmall(c.Value, threshold)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var hidden = new HashSet<string>(primary, StringComparer.Ordinal);
        if (replaces is not null)
        {
            // Not small counts themselves (the audit does not narrow them), but hidden like one.
            hidden.UnionWith(published.Where(c => c.Value > 0 && replaces.Shown.TryGetValue(c.Key, out var before) && IsSmall(Math.Abs(c.Value - before), threshold)).Select(c => c.Key));
        }
        // Another workbook of the same period (another language, an earlier edition) shows the same counts: hiding
        // at once what it hid keeps the two alike and spares the audit finding it all again.
        foreach (var twin in family.Where(f => f.From == scope.Period.From && f.To == scope.Period.To && f.SplitBrussels == scope.SplitBrussels))
        {
            hidden.UnionWith(twin.Hidden.Where(id => published.GetValueOrDefault(id) > 0));
        }

        PublishedCells Block() => new(
            report, scope.Period.Kind, scope.Period.From, scope.Period.To, scope.SplitBrussels, threshold,
            published.Where(c => !hidden.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            hidden.ToHashSet(StringComparer.Ordinal),
            primary,
            // Only a part left out for too few records tells its reader a bound (fewer than the threshold); counts
            // withdrawn to protect others are plain unknowns, and a withdrawn workbook says no more than that.
            truth.Keys.Where(id => !withdrawn && !published.ContainsKey(id) && (WorkbookCells.IsEntryCell(id) ? entriesSmall : activitiesSmall)).ToHashSet(StringComparer.Ordinal));

        if (!Secure(family, Block(), parts, published, hidden, acrossWorkbooks))
        {
            // Nothing of this workbook stands between a hidden count and what others show: it shows no figures.
            entriesWithheld = activitiesWithheld = withdrawn = true;
            published.Clear();
            primary.Clear();
            hidden.Clear();
        }

        // The audit before publishing: every protected count this workbook reaches, once more from scratch.
        var final = DisclosureAudit.Run([.. family, Block()], parts, newest: report, acrossWorkbooks: acrossWorkbooks);
        if (final.Findings.Count > 0)
        {
            throw new DisclosureException($"The disclosure audit found counts that can be narrowed down: {string.Join("; ", final.Findings.Take(5))}.");
        }
        return new DisclosurePlan(threshold, entriesWithheld, activitiesWithheld, hidden, Block(), final.FamilyContradictory, withdrawn);
    }

    private static bool IsSmall(long count, int threshold) => count >= 1 && count < threshold;

    /// <summary>Hides counts of the newest workbook until the audit finds nothing; false when that cannot be done.</summary>
    private static bool Secure(IReadOnlyList<PublishedCells> family, PublishedCells newest, IReadOnlyList<string> parts, Dictionary<string, long> published, HashSet<string> hidden, bool acrossWorkbooks)
    {
        var members = family.Append(newest).ToList();
        var self = members.Count - 1;
        var model = FamilyModel.Build(members, parts, acrossWorkbooks);
        var siblingHidden = family.SelectMany(f => f.Hidden).ToHashSet(StringComparer.Ordinal);
        void Hide(string cell)
        {
            hidden.Add(cell);
            model.Hide(new Node(self, cell));
        }

        Propagate(model, self, published, Hide);
        HashSet<(string, string)>? recheck = null;
        for (var round = 0; round <= published.Count; round++)
        {
            var findings = model.Audit(recheck, self);
            if (findings.Count == 0)
            {
                // A count hidden above may be the only unknown of a total it adds up to: worked out from the others, it
                // would protect nothing and the marker would stand for a number anyone can tell. Hiding more only
                // widens ranges, so the audit's answer stands.
                Propagate(model, self, published, Hide);
                return true;
            }
            foreach (var finding in findings)
            {
                var node = new Node(model.BlockOf(finding.Report), finding.Cell);
                if (model.ValueOf(node) is not null)
                {
                    // A small count this workbook shows (it was not hidden): nothing else would help.
                    return false;
                }
                // A count hidden for an earlier finding of this round may have widened this one already.
                var (low, high) = model.Range(node);
                if (!model.Narrow(node, low, high))
                {
                    continue;
                }
                string? first = null;
                string? widening = null;
                foreach (var candidate in Candidates(model, node, self, published, hidden, siblingHidden))
                {
                    first ??= candidate;
                    model.Hide(new Node(self, candidate));
                    var (lowWith, highWith) = model.Range(node);
                    model.Unhide(new Node(self, candidate));
                    if (highWith - lowWith > high - low + 1e-6 || lowWith < low - 1e-6)
                    {
                        widening = candidate;
                        break;
                    }
                }
                // When no single count widens the range, two or more together must: hide the nearest and go on.
                if ((widening ?? first) is not { } chosen)
                {
                    return false;
                }
                Hide(chosen);
            }
            // Hiding more only widens ranges: only the counts found too narrow need checking again.
            recheck = findings.Select(f => (f.Report, f.Cell)).ToHashSet();
        }
        return false;
    }

    /// <summary>
    /// The classic secondary suppression, before any linear program: a relation that must add up exactly, with a
    /// hidden count as its only unknown, would give that count away (a small one, or one hidden to protect a small
    /// one); its smallest shown count of this workbook is hidden too, until no such relation is left.
    /// </summary>
    private static void Propagate(FamilyModel model, int self, Dictionary<string, long> published, Action<string> hide)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var constraint in model.Constraints.Where(c => c.Kind == RelationKind.Equal))
            {
                var unknowns = constraint.Nodes.Where(n => model.ValueOf(n) is null).Distinct().ToList();
                if (unknowns.Count != 1 || !model.IsHidden(unknowns[0]))
                {
                    continue;
                }
                var partner = constraint.Nodes
                    .Where(n => n.Block == self && model.ValueOf(n) is > 0 && published.ContainsKey(n.Cell))
                    .OrderBy(n => published[n.Cell]).ThenBy(n => n.Cell, StringComparer.Ordinal)
                    .Select(n => n.Cell)
                    .FirstOrDefault();
                if (partner is not null)
                {
                    hide(partner);
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// The shown counts of the newest workbook that could widen a finding's range if hidden: the ones reached
    /// through at most three relations from it, nearest first, preferring ones hidden elsewhere in the family
    /// already, then the smallest, then the first by id; the numbers of entries and activities, which every sheet
    /// gives, come last.
    /// </summary>
    private static IEnumerable<string> Candidates(FamilyModel model, Node start, int self, Dictionary<string, long> published, HashSet<string> hidden, HashSet<string> siblingHidden)
    {
        var depthOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<Node> { start };
        var frontier = new List<Node> { start };
        for (var depth = 1; depth <= 3 && frontier.Count > 0; depth++)
        {
            var next = new List<Node>();
            foreach (var node in frontier)
            {
                foreach (var c in model.ConstraintsOf(node))
                {
                    foreach (var neighbour in model.Constraints[c].Nodes)
                    {
                        if (seen.Add(neighbour))
                        {
                            next.Add(neighbour);
                            if (neighbour.Block == self && !hidden.Contains(neighbour.Cell) && published.TryGetValue(neighbour.Cell, out var v) && v > 0)
                            {
                                depthOf.TryAdd(neighbour.Cell, depth);
                            }
                        }
                    }
                }
            }
            frontier = next;
        }
        return depthOf.Keys
            .OrderBy(id => id is WorkbookCells.Entries or WorkbookCells.Activities ? 1 : 0)
            .ThenBy(id => depthOf[id])
            .ThenBy(id => siblingHidden.Contains(id) ? 0 : 1)
            .ThenBy(id => published[id])
            .ThenBy(id => id, StringComparer.Ordinal);
    }
}
