namespace Reporting.Disclosure;

/// <summary>
/// A new edition of a funder's workbook beside the edition before it: a reader who has both can subtract. Where
/// few records changed (late records, corrections, erasures), the differences are counts of those few records, a
/// profile of each of them. This finds the changes a reader can work out, from counts shown in both editions and
/// from tables that add up exactly (repeatedly, as one worked-out change gives the next), that are small: from 1 to
/// the threshold − 1 either way.
/// </summary>
public static class RevisionAudit
{
    /// <summary>The cells whose change between the two editions can be worked out and is small; empty when the new edition may be published.</summary>
    public static IReadOnlyList<string> SmallChanges(PublishedCells earlier, PublishedCells now, int threshold)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(now);
        var known = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, value) in now.Shown)
        {
            if (earlier.Shown.TryGetValue(id, out var before))
            {
                known[id] = value - before;
            }
        }
        var ids = now.Shown.Keys.Concat(now.Hidden).Concat(earlier.Shown.Keys).Concat(earlier.Hidden).ToHashSet(StringComparer.Ordinal);
        var exact = WorkbookCells.Relations(ids).Where(r => r.Kind == RelationKind.Equal).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var relation in exact)
            {
                var unknown = relation.Terms.Append(relation.Total).Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
                if (unknown.Count != 1)
                {
                    continue;
                }
                // Σ Δterms = Δtotal, with one of them unknown.
                var termsKnown = relation.Terms.Where(known.ContainsKey).Sum(id => known[id]);
                known[unknown[0]] = unknown[0] == relation.Total ? termsKnown : known[relation.Total] - termsKnown;
                changed = true;
            }
        }
        return known.Where(d => Math.Abs(d.Value) is > 0 and var size && size < threshold).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
    }
}
