using System.Globalization;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>
/// Realistic logbook entries from a seeded <see cref="Random"/>: the code lists' skew as the 2022 BAR figures
/// show it (Schaarbeek, Molenbeek, Anderlecht and Brussel far ahead; themes E, F, K, D, P, S most frequent;
/// mostly non-knowledge), 1–4 themes, 0–3 non-take-up mechanisms, dates spread over a year, mostly on weekdays.
/// The same seed gives the same records.
/// </summary>
internal sealed class RecordGenerator(int seed)
{
    private static readonly ReferenceData Reference = ReferenceCatalog.Current;

    private static readonly Weighted<string> Municipalities = new(
        ("21015", 24), ("21012", 15), ("21001", 12), ("21004", 11), ("21013", 8), ("21009", 7), ("21014", 6),
        ("21007", 5), ("21011", 3), ("21005", 2), ("21018", 2), ("21017", 1.5), ("21002", 0.5), ("21003", 0.5),
        ("21006", 0.5), ("21008", 0.5), ("21010", 0.5), ("21016", 0.5), ("21019", 0.5));

    // Brussel-Stad: most records in the centre, some in Laken, few in Neder-Over-Heembeek and Haren.
    private static readonly Weighted<string?> BrusselsPostcodes = new(((string?)null, 75), ("1020", 20), ("1120", 3), ("1130", 2));

    private static readonly Weighted<string> FirstContact = new(
        ("host-partner", 30), ("word-of-mouth", 20), ("public-space", 18), ("collective-activity", 12), ("local-partner", 12), ("internet", 3), ("other", 5));

    // About half on the person's own initiative, a third through an intermediary, a quarter by outreach.
    private static readonly Weighted<string> Initiative = new(("self", 45), ("intermediary", 30), ("outreach", 25));

    private static readonly Weighted<string> Places = new(("office", 55), ("outside", 20), ("phone", 12), ("collective-activity", 8), ("other", 5));

    private static readonly Weighted<string> Actions = new(("inform", 40), ("direct-action", 30), ("refer-service", 35), ("listen", 14), ("refer-collective", 6));

    private static readonly Weighted<string> NonTakeUp = new(("non-knowledge", 50), ("non-receipt", 20), ("non-request", 15), ("exclusion", 8), ("non-proposal", 7));

    private static readonly Weighted<string> Themes = new(
        ("E", 30), ("F", 18), ("K", 16), ("D", 10), ("P", 9), ("S", 8), ("G", 4), ("X", 4), ("C", 4),
        ("A", 1), ("B", 1), ("H", 1), ("J", 1), ("L", 1), ("O", 1), ("T", 1), ("U", 1), ("W", 1),
        ("R", 0.5), ("V", 0.5), ("Y", 0.5), ("Z", 0.5), ("I", 0.2), ("M", 0.2), ("N", 0.2), ("Q", 0.2));

    private static readonly Weighted<string> Vulnerabilities = new(
        ("language", 30), ("digital", 20), ("isolation", 12), ("low-income", 12), ("health-literacy", 8), ("no-papers", 8),
        ("health", 8), ("debt", 6), ("addiction", 2), ("disability", 2), ("domestic-violence", 2), ("early-school-leaving", 1));

    private static readonly Weighted<string?> Campaigns = new(((string?)null, 95), ("ukraine-2022", 3), ("energy-2022", 2));

    private static readonly Weighted<int> ActionCount = new((1, 45), (2, 40), (3, 15));
    private static readonly Weighted<int> NonTakeUpCount = new((0, 30), (1, 45), (2, 20), (3, 5));
    private static readonly Weighted<int> ThemeCount = new((1, 40), (2, 35), (3, 18), (4, 7));
    private static readonly Weighted<int> VulnerabilityCount = new((0, 25), (1, 35), (2, 28), (3, 12));

    private static readonly Dictionary<string, int> WorkersPerProgramme = new(StringComparer.Ordinal)
    {
        ["BAR"] = 26, ["CHW"] = 12, ["PGBM"] = 19, ["GA"] = 16,
    };

    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> entries of one programme with dates spread over <paramref name="year"/>.</summary>
    public List<LogbookEntry> Entries(string programme, int year, int count)
    {
        var list = new List<LogbookEntry>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Entry(programme, Date(year)));
        }
        return list;
    }

    public LogbookEntry Entry(string programme, DateOnly date)
    {
        var municipality = Municipalities.Pick(_random);
        var neighbourhoods = Reference.Neighbourhoods.Where(n => n.Municipality == municipality).ToList();
        // Most records of a municipality with a neighbourhood of the programme name it.
        var neighbourhood = neighbourhoods.Count > 0 && _random.NextDouble() < 0.7 ? neighbourhoods[_random.Next(neighbourhoods.Count)].Code : null;
        return new LogbookEntry
        {
            Id = NewId(),
            Programme = programme,
            WorkerCode = string.Create(CultureInfo.InvariantCulture, $"{programme}-{_random.Next(1, WorkersPerProgramme[programme] + 1):00}"),
            Date = date,
            Municipality = municipality,
            Postcode = municipality == ReportAggregator.BrusselsCity ? BrusselsPostcodes.Pick(_random) : null,
            Neighbourhood = neighbourhood,
            FirstContact = FirstContact.Pick(_random),
            Initiative = Initiative.Pick(_random),
            Place = Places.Pick(_random),
            Actions = InReferenceOrder(Actions.PickDistinct(_random, ActionCount.Pick(_random)), Reference.Actions),
            NonTakeUp = InReferenceOrder(NonTakeUp.PickDistinct(_random, NonTakeUpCount.Pick(_random)), Reference.NonTakeUp),
            Themes = InReferenceOrder(Themes.PickDistinct(_random, ThemeCount.Pick(_random)), Reference.Themes),
            Vulnerabilities = InReferenceOrder(Vulnerabilities.PickDistinct(_random, VulnerabilityCount.Pick(_random)), Reference.Vulnerabilities),
            Campaign = Campaigns.Pick(_random),
        };
    }

    /// <summary>A day of the year, rarely on a weekend.</summary>
    private DateOnly Date(int year)
    {
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        while (true)
        {
            var date = new DateOnly(year, 1, 1).AddDays(_random.Next(days));
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || _random.NextDouble() < 0.1)
            {
                return date;
            }
        }
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    // The service stores lists in reference-data order; generating them so makes the stored record the one sent.
    private static List<string> InReferenceOrder(IEnumerable<string> codes, CodeList list)
    {
        var order = list.Codes.Select((c, i) => (c.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
        return [.. codes.OrderBy(c => order[c])];
    }

    /// <summary>
    /// The two rows the service stores for a new entry (see RecordStore), in the partition its id decides: the
    /// record row (the mapped fields, the reference version, the content hash, when it was recorded and updated)
    /// and the period row a report reads (the same mapped fields, the reference version and the content hash).
    /// </summary>
    public static (TableEntity RecordRow, TableEntity PeriodRow) ToRows(LogbookEntry entry, DateTimeOffset now)
    {
        var partition = RecordKeys.PartitionOf(entry.Id);
        var hash = RecordJson.ContentHash(entry);
        var recordRow = new TableEntity(partition, RecordKeys.RecordRow(entry.Id));
        RecordMappings.Entries.Write(entry, recordRow);
        recordRow["ReferenceVersion"] = Reference.Version;
        recordRow["ContentHash"] = hash;
        recordRow["RecordedAt"] = now;
        recordRow["UpdatedAt"] = now;
        var periodRow = new TableEntity(partition, RecordKeys.PeriodRow(entry.Programme, entry.Date, entry.Id));
        RecordMappings.Entries.Write(entry, periodRow);
        periodRow["ReferenceVersion"] = Reference.Version;
        periodRow["ContentHash"] = hash;
        return (recordRow, periodRow);
    }

    /// <summary>What a report reads of a stored entry.</summary>
    public static EntryFacts ToFacts(LogbookEntry entry) => new(
        RecordJson.ContentHash(entry),
        entry.Municipality,
        entry.Postcode,
        entry.FirstContact,
        entry.Initiative,
        entry.Place,
        string.Join(',', entry.Actions),
        string.Join(',', entry.NonTakeUp),
        string.Join(',', entry.Themes),
        entry.Vulnerabilities.Count == 0 ? "" : string.Join(',', entry.Vulnerabilities),
        Reference.Version)
    {
        Neighbourhood = entry.Neighbourhood,
        Date = entry.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Values with relative weights, picked at random.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] items)
    {
        _values = [.. items.Select(i => i.Value)];
        _cumulative = new double[items.Length];
        var sum = 0.0;
        for (var i = 0; i < items.Length; i++)
        {
            sum += items[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public T Pick(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        return _values[index < 0 ? Math.Min(~index, _values.Length - 1) : index];
    }

    /// <summary><paramref name="count"/> different values, each drawn by weight among those not drawn yet.</summary>
    public List<T> PickDistinct(Random random, int count)
    {
        var picked = new List<T>(count);
        while (picked.Count < Math.Min(count, _values.Length))
        {
            var value = Pick(random);
            if (!picked.Contains(value))
            {
                picked.Add(value);
            }
        }
        return picked;
    }
}
