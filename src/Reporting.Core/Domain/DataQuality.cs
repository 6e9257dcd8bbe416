using System.Globalization;
using Reporting.Domain.Aggregation;

namespace Reporting.Domain;

/// <summary>How many records a worker has in a month (an activity counts for each of its workers).</summary>
public sealed record WorkerMonth(string Worker, string Month, int Entries, int Activities);

/// <summary>
/// A record a report does not count as its form meant, and why: <c>unknown-code</c> (a code of
/// <see cref="Field"/> that the reference data does not hold: the report leaves it out of that table),
/// <c>retired-code</c> (counted, under a code forms no longer offer), <c>outside-region</c> (a municipality that
/// is not one of the region's 19: left out of the municipality tables), <c>brussels-city-no-part</c> (Brussel-Stad
/// without the postcode of Laken, Neder-Over-Heembeek or Haren: a report split into those parts counts it in
/// Brussel-Stad's rest).
/// </summary>
public sealed record QualityFinding(string Kind, string Id, string Field, string? Code, string Reason);

/// <summary>A record without a neighbourhood (reports count it in no neighbourhood).</summary>
public sealed record RecordRef(string Kind, string Id);

/// <summary>What <see cref="DataQuality"/> found in a programme's records of a period.</summary>
public sealed record QualityReport(
    int Entries,
    int Activities,
    IReadOnlyList<WorkerMonth> PerWorker,
    int EntriesWithoutNeighbourhood,
    int ActivitiesWithoutNeighbourhood,
    IReadOnlyList<RecordRef> WithoutNeighbourhood,
    int FindingsCount,
    IReadOnlyList<QualityFinding> Findings,
    bool Truncated);

/// <summary>
/// A coordinator's view of the quality of a programme's records: how many each worker recorded per month, which
/// records have no neighbourhood, and what reports leave out or count otherwise than meant (see
/// <see cref="QualityFinding"/>), judged against the reference data reports use. Lists of records stop at
/// <see cref="MaxListed"/>; the counts go on.
/// </summary>
public sealed class DataQuality(ReferenceData reference)
{
    public const int MaxListed = 500;

    public const string EntryKind = "entry";
    public const string ActivityKind = "activity";

    private readonly Dictionary<(string Worker, string Month), (int Entries, int Activities)> _perWorker = [];
    private readonly List<RecordRef> _withoutNeighbourhood = [];
    private readonly List<QualityFinding> _findings = [];
    private int _entries;
    private int _activities;
    private int _entriesWithout;
    private int _activitiesWithout;
    private int _findingsCount;
    private bool _truncated;

    public void AddEntry(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries++;
        Count(entry.WorkerCode, entry.Date, entries: 1, activities: 0);
        if (string.IsNullOrEmpty(entry.Neighbourhood))
        {
            _entriesWithout++;
            List(_withoutNeighbourhood, new RecordRef(EntryKind, entry.Id));
        }
        var found = new List<QualityFinding>();
        Place(found, EntryKind, entry.Id, entry.Municipality, entry.Postcode, entry.Neighbourhood);
        Codes(found, EntryKind, entry.Id, "firstContact", reference.FirstContact, [entry.FirstContact]);
        Codes(found, EntryKind, entry.Id, "initiative", reference.Initiative, [entry.Initiative]);
        Codes(found, EntryKind, entry.Id, "place", reference.Places, [entry.Place]);
        Codes(found, EntryKind, entry.Id, "actions", reference.Actions, entry.Actions);
        Codes(found, EntryKind, entry.Id, "nonTakeUp", reference.NonTakeUp, entry.NonTakeUp);
        Codes(found, EntryKind, entry.Id, "themes", reference.Themes, entry.Themes);
        Codes(found, EntryKind, entry.Id, "vulnerabilities", reference.Vulnerabilities, entry.Vulnerabilities);
        Keep(found);
    }

    public void AddActivity(CollectiveActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activities++;
        foreach (var worker in activity.WorkerCodes.Distinct(StringComparer.Ordinal))
        {
            Count(worker, activity.Date, entries: 0, activities: 1);
        }
        if (string.IsNullOrEmpty(activity.Neighbourhood))
        {
            _activitiesWithout++;
            List(_withoutNeighbourhood, new RecordRef(ActivityKind, activity.Id));
        }
        var found = new List<QualityFinding>();
        Place(found, ActivityKind, activity.Id, activity.Municipality, activity.Postcode, activity.Neighbourhood);
        Codes(found, ActivityKind, activity.Id, "format", reference.ActivityFormats, [activity.Format]);
        Codes(found, ActivityKind, activity.Id, "regularity", reference.Regularity, [activity.Regularity]);
        Codes(found, ActivityKind, activity.Id, "organisation", reference.Organisation, [activity.Organisation]);
        Codes(found, ActivityKind, activity.Id, "themes", reference.Themes, activity.Themes);
        Keep(found);
    }

    public QualityReport Result() => new(
        _entries,
        _activities,
        [.. _perWorker
            .OrderBy(p => p.Key.Worker, StringComparer.Ordinal).ThenBy(p => p.Key.Month, StringComparer.Ordinal)
            .Select(p => new WorkerMonth(p.Key.Worker, p.Key.Month, p.Value.Entries, p.Value.Activities))],
        _entriesWithout,
        _activitiesWithout,
        _withoutNeighbourhood,
        _findingsCount,
        _findings,
        _truncated);

    private void Count(string worker, DateOnly date, int entries, int activities)
    {
        var key = (worker, date.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var (e, a) = _perWorker.GetValueOrDefault(key);
        _perWorker[key] = (e + entries, a + activities);
    }

    private void Place(List<QualityFinding> found, string kind, string id, string municipality, string? postcode, string? neighbourhood)
    {
        var known = reference.FindMunicipality(municipality);
        if (known is null)
        {
            found.Add(new QualityFinding(kind, id, "municipality", municipality, "outside-region"));
        }
        else if (municipality == ReportAggregator.BrusselsCity && known.Parts.Count > 0 && (postcode is null || known.PartForPostcode(postcode) is null))
        {
            found.Add(new QualityFinding(kind, id, "postcode", postcode, "brussels-city-no-part"));
        }
        if (!string.IsNullOrEmpty(neighbourhood))
        {
            var hood = reference.FindNeighbourhood(neighbourhood);
            if (hood is null || hood.Municipality != municipality)
            {
                found.Add(new QualityFinding(kind, id, "neighbourhood", neighbourhood, "unknown-code"));
            }
            else if (hood.Retired)
            {
                found.Add(new QualityFinding(kind, id, "neighbourhood", neighbourhood, "retired-code"));
            }
        }
    }

    private static void Codes(List<QualityFinding> found, string kind, string id, string field, CodeList list, IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            if (list.Find(code) is not { } known)
            {
                found.Add(new QualityFinding(kind, id, field, code, "unknown-code"));
            }
            else if (known.Retired)
            {
                found.Add(new QualityFinding(kind, id, field, code, "retired-code"));
            }
        }
    }

    private void Keep(List<QualityFinding> found)
    {
        _findingsCount += found.Count;
        foreach (var finding in found)
        {
            List(_findings, finding);
        }
    }

    private void List<TItem>(List<TItem> list, TItem item)
    {
        if (list.Count < MaxListed)
        {
            list.Add(item);
        }
        else
        {
            _truncated = true;
        }
    }
}
