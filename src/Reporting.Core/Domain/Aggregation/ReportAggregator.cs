using System.Security.Cryptography;

namespace Reporting.Domain.Aggregation;

/// <summary>The fields of a stored logbook entry that a report reads (lists as comma-separated codes).</summary>
public readonly record struct EntryFacts(
    string ContentHash,
    string Municipality,
    string? Postcode,
    string FirstContact,
    string Initiative,
    string Place,
    string Actions,
    string NonTakeUp,
    string Themes,
    string? Vulnerabilities,
    string ReferenceVersion)
{
    /// <summary>The neighbourhood code, when the record gives one.</summary>
    public string? Neighbourhood { get; init; }

    /// <summary>The record's date (yyyy-MM-dd): its month in a report's trend.</summary>
    public string? Date { get; init; }
}

/// <summary>The fields of a stored collective activity that a report reads.</summary>
public readonly record struct ActivityFacts(
    string ContentHash,
    string Municipality,
    string? Postcode,
    string Name,
    string Format,
    string Themes,
    int? Participants,
    string ReferenceVersion)
{
    /// <summary>The neighbourhood code, when the record gives one.</summary>
    public string? Neighbourhood { get; init; }

    /// <summary>Regular or one-off (a code of the reference list; empty when not read).</summary>
    public string Regularity { get; init; } = "";

    /// <summary>Organised by the worker or joined (a code of the reference list; empty when not read).</summary>
    public string Organisation { get; init; } = "";

    /// <summary>The record's date (yyyy-MM-dd): its month in a report's trend.</summary>
    public string? Date { get; init; }
}

/// <summary>What a report's trend counts in one month of its period.</summary>
public sealed class MonthCounts(CodeAxis nonTakeUp, CodeAxis themes)
{
    public long Entries { get; internal set; }
    public long Activities { get; internal set; }
    public long Participants { get; internal set; }
    public Tally NonTakeUp { get; } = new(nonTakeUp);
    public Tally Themes { get; } = new(themes);

    internal void Add(MonthCounts other)
    {
        Entries += other.Entries;
        Activities += other.Activities;
        Participants += other.Participants;
        NonTakeUp.Add(other.NonTakeUp);
        Themes.Add(other.Themes);
    }
}

/// <summary>
/// Counts the records of one report, one record at a time: memory grows with the number of codes and activity
/// types, never with the number of records. The one code path behind every figure of a report.
/// Counting rules: a multi-valued field counts a record once under each code it mentions; shares are the part
/// of records that mention a code (they do not add up to 100%); every reference code has a row, zero or not;
/// codes of older reference versions are counted under their own code.
/// </summary>
public sealed class ReportAggregator
{
    public const string BrusselsCity = "21004";

    private readonly ReportScope _scope;
    private readonly byte[] _fingerprint = new byte[32];
    private readonly HashSet<string> _activityTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _versions = new(StringComparer.Ordinal);

    /// <summary>With Brussel-Stad split: the axis index of its part for each of the parts' postcodes.</summary>
    private readonly Dictionary<string, int> _brusselsParts = new(StringComparer.Ordinal);

    public ReportAggregator(ReportScope scope, ReferenceData reference)
    {
        _scope = scope;
        Reference = reference;
        var municipalities = new List<string>();
        foreach (var m in reference.Municipalities)
        {
            municipalities.Add(m.Nis);
            if (scope.SplitBrussels)
            {
                municipalities.AddRange(m.Parts.Select(p => p.Code));
            }
        }
        MunicipalityAxis = new CodeAxis(municipalities);
        if (scope.SplitBrussels)
        {
            foreach (var part in reference.FindMunicipality(BrusselsCity)?.Parts ?? [])
            {
                _brusselsParts.TryAdd(part.Postcode, MunicipalityAxis.IndexOf(part.Code));
            }
        }
        ThemeAxis = Axis(reference.Themes);
        NonTakeUpAxis = Axis(reference.NonTakeUp);

        EntryMunicipalities = new Tally(MunicipalityAxis);
        FirstContact = new Tally(Axis(reference.FirstContact));
        Initiative = new Tally(Axis(reference.Initiative));
        Places = new Tally(Axis(reference.Places));
        Actions = new Tally(Axis(reference.Actions));
        NonTakeUp = new Tally(NonTakeUpAxis);
        EntryThemes = new Tally(ThemeAxis);
        Vulnerabilities = new Tally(Axis(reference.Vulnerabilities));
        MunicipalityByTheme = new CrossTally(MunicipalityAxis, ThemeAxis);
        MunicipalityByNonTakeUp = new CrossTally(MunicipalityAxis, NonTakeUpAxis);
        ThemeByNonTakeUp = new CrossTally(ThemeAxis, NonTakeUpAxis);

        ActivityMunicipalities = new Tally(MunicipalityAxis);
        ActivityThemes = new Tally(ThemeAxis);
        ActivityFormats = new Tally(Axis(reference.ActivityFormats));
        ActivityMunicipalityByTheme = new CrossTally(MunicipalityAxis, ThemeAxis);
        var formats = ActivityFormats.Axis;
        ActivityFormatByRegularity = new CrossTally(formats, Axis(reference.Regularity));
        ActivityFormatByOrganisation = new CrossTally(formats, Axis(reference.Organisation));
        ParticipantsByFormat = new Tally(formats);

        // Neighbourhoods under their municipality ("21015:23"), so that a report can group and relate them.
        var neighbourhoods = new CodeAxis(reference.Neighbourhoods.Select(n => NeighbourhoodKey(n.Municipality, n.Code)));
        EntryNeighbourhoods = new Tally(neighbourhoods);
        ActivityNeighbourhoods = new Tally(new CodeAxis(neighbourhoods.Codes));

        // A trend for periods longer than a month: every month of the period has its counts, zero or not.
        if (scope.Period.Kind != PeriodKind.Month)
        {
            foreach (var month in scope.Period.Months())
            {
                _months.Add(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), new MonthCounts(NonTakeUpAxis, ThemeAxis));
            }
        }
    }

    private readonly SortedDictionary<string, MonthCounts> _months = new(StringComparer.Ordinal);
    private Dictionary<string, MonthCounts>.AlternateLookup<ReadOnlySpan<char>>? _monthLookup;
    private long _undated;

    /// <summary>
    /// The counts per month (yyyy-MM) of a period longer than a month; empty for a month, and when a record was counted
    /// without its date (then the months would not add up to the period).
    /// </summary>
    public IReadOnlyDictionary<string, MonthCounts> Months => _undated == 0 ? _months : new SortedDictionary<string, MonthCounts>();

    private MonthCounts? MonthOf(string? date)
    {
        if (_months.Count == 0)
        {
            return null;
        }
        _monthLookup ??= new Dictionary<string, MonthCounts>(_months, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        if (date is { Length: >= 7 } && _monthLookup.Value.TryGetValue(date.AsSpan(0, 7), out var month))
        {
            return month;
        }
        _undated++;
        return null;
    }

    /// <summary>The axis code of a neighbourhood in a municipality: <c>{nis}:{neighbourhood}</c>.</summary>
    public static string NeighbourhoodKey(string municipality, string neighbourhood) => municipality + ":" + neighbourhood;

    private static CodeAxis Axis(CodeList list) => new(list.Codes.Select(c => c.Value));

    public ReferenceData Reference { get; }
    public CodeAxis MunicipalityAxis { get; }
    public CodeAxis ThemeAxis { get; }
    public CodeAxis NonTakeUpAxis { get; }

    public long Entries { get; private set; }
    public long Activities { get; private set; }
    public long Participants { get; private set; }
    public long ActivitiesWithParticipants { get; private set; }
    public int DistinctActivityTypes => _activityTypes.Count;
    /// <summary>Municipalities with at least one entry or activity; parts of Brussel-Stad reach Brussel-Stad.</summary>
    public int MunicipalitiesReached
    {
        get
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var codes = MunicipalityAxis.Codes;
            for (var i = 0; i < codes.Count; i++)
            {
                if (EntryMunicipalities[i] + ActivityMunicipalities[i] > 0)
                {
                    var dash = codes[i].IndexOf('-', StringComparison.Ordinal);
                    reached.Add(dash < 0 ? codes[i] : codes[i][..dash]);
                }
            }
            return reached.Count;
        }
    }
    public IReadOnlyCollection<string> ReferenceVersions => _versions;

    /// <summary>
    /// An order-independent fingerprint of the records counted: the XOR of their content hashes (each of which
    /// covers the record's id and every field). The same records give the same fingerprint, in any order.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(_fingerprint);

    public Tally EntryMunicipalities { get; }
    public Tally FirstContact { get; }
    public Tally Initiative { get; }
    public Tally Places { get; }
    public Tally Actions { get; }
    public Tally NonTakeUp { get; }
    public Tally EntryThemes { get; }
    public Tally Vulnerabilities { get; }
    public CrossTally MunicipalityByTheme { get; }
    public CrossTally MunicipalityByNonTakeUp { get; }
    public CrossTally ThemeByNonTakeUp { get; }

    public Tally ActivityMunicipalities { get; }
    public Tally ActivityThemes { get; }
    public Tally ActivityFormats { get; }
    public CrossTally ActivityMunicipalityByTheme { get; }

    /// <summary>Activities per format and regularity: one regularity per activity.</summary>
    public CrossTally ActivityFormatByRegularity { get; }

    /// <summary>Activities per format and organisation (own or joined): one organisation per activity.</summary>
    public CrossTally ActivityFormatByOrganisation { get; }

    /// <summary>Participants per format: sums of the activities that give a number of participants.</summary>
    public Tally ParticipantsByFormat { get; }

    /// <summary>Entries per neighbourhood (axis codes <c>{nis}:{neighbourhood}</c>); entries without one are in none.</summary>
    public Tally EntryNeighbourhoods { get; }

    /// <summary>Activities per neighbourhood, as <see cref="EntryNeighbourhoods"/>.</summary>
    public Tally ActivityNeighbourhoods { get; }

    public void AddEntry(in EntryFacts entry)
    {
        Entries++;
        Mix(entry.ContentHash);
        _versions.Add(entry.ReferenceVersion);
        Span<int> municipality = [MunicipalityIndex(entry.Municipality, entry.Postcode)];
        EntryMunicipalities.CountRecord(municipality[0]);
        FirstContact.CountRecord(FirstContact.Axis.IndexOf(entry.FirstContact));
        Initiative.CountRecord(Initiative.Axis.IndexOf(entry.Initiative));
        Places.CountRecord(Places.Axis.IndexOf(entry.Place));

        Span<int> buffer = stackalloc int[64];
        Actions.CountRecord(Indexes(entry.Actions, Actions.Axis, buffer));
        var themes = Indexes(entry.Themes, ThemeAxis, buffer);
        EntryThemes.CountRecord(themes);
        var mechanisms = Indexes(entry.NonTakeUp, NonTakeUpAxis, buffer[themes.Length..]);
        NonTakeUp.CountRecord(mechanisms);
        MunicipalityByTheme.CountRecord(municipality, themes);
        MunicipalityByNonTakeUp.CountRecord(municipality, mechanisms);
        ThemeByNonTakeUp.CountRecord(themes, mechanisms);
        Vulnerabilities.CountRecord(Indexes(entry.Vulnerabilities, Vulnerabilities.Axis, buffer));
        if (!string.IsNullOrEmpty(entry.Neighbourhood))
        {
            EntryNeighbourhoods.CountRecord(EntryNeighbourhoods.Axis.IndexOf(NeighbourhoodKey(entry.Municipality, entry.Neighbourhood)));
        }
        if (MonthOf(entry.Date) is { } month)
        {
            month.Entries++;
            month.NonTakeUp.CountRecord(Indexes(entry.NonTakeUp, NonTakeUpAxis, buffer));
            month.Themes.CountRecord(Indexes(entry.Themes, ThemeAxis, buffer));
        }
    }

    public void AddActivity(in ActivityFacts activity)
    {
        Activities++;
        Mix(activity.ContentHash);
        _versions.Add(activity.ReferenceVersion);
        Span<int> municipality = [MunicipalityIndex(activity.Municipality, activity.Postcode)];
        ActivityMunicipalities.CountRecord(municipality[0]);
        ActivityFormats.CountRecord(ActivityFormats.Axis.IndexOf(activity.Format));
        Span<int> buffer = stackalloc int[64];
        var themes = Indexes(activity.Themes, ThemeAxis, buffer);
        ActivityThemes.CountRecord(themes);
        ActivityMunicipalityByTheme.CountRecord(municipality, themes);
        var format = ActivityFormats.Axis.IndexOf(activity.Format);
        ActivityFormatByRegularity.CountRecord([format], [ActivityFormatByRegularity.Columns.IndexOf(activity.Regularity)]);
        ActivityFormatByOrganisation.CountRecord([format], [ActivityFormatByOrganisation.Columns.IndexOf(activity.Organisation)]);
        if (activity.Participants is { } participants)
        {
            Participants += participants;
            ActivitiesWithParticipants++;
            ParticipantsByFormat.CountAmount(format, participants);
        }
        if (!string.IsNullOrEmpty(activity.Neighbourhood))
        {
            ActivityNeighbourhoods.CountRecord(ActivityNeighbourhoods.Axis.IndexOf(NeighbourhoodKey(activity.Municipality, activity.Neighbourhood)));
        }
        if (MonthOf(activity.Date) is { } month)
        {
            month.Activities++;
            month.Participants += activity.Participants ?? 0;
        }
        // An activity type is its format and its name, compared without case or surrounding blanks.
        _activityTypes.Add(activity.Format + "|" + activity.Name.Trim().ToUpperInvariant());
    }

    /// <summary>
    /// Adds what another aggregator of the same scope counted, as if its records had been added here: so parts of
    /// a report's records can be counted apart (each part read as one snapshot) and then put together, holding
    /// only counts, never the records.
    /// </summary>
    public void Add(ReportAggregator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._scope != _scope)
        {
            throw new ArgumentException("Only counts of the same report can be added together.", nameof(other));
        }
        Entries += other.Entries;
        Activities += other.Activities;
        Participants += other.Participants;
        ActivitiesWithParticipants += other.ActivitiesWithParticipants;
        for (var i = 0; i < _fingerprint.Length; i++)
        {
            _fingerprint[i] ^= other._fingerprint[i];
        }
        _versions.UnionWith(other._versions);
        _activityTypes.UnionWith(other._activityTypes);
        EntryMunicipalities.Add(other.EntryMunicipalities);
        FirstContact.Add(other.FirstContact);
        Initiative.Add(other.Initiative);
        Places.Add(other.Places);
        Actions.Add(other.Actions);
        NonTakeUp.Add(other.NonTakeUp);
        EntryThemes.Add(other.EntryThemes);
        Vulnerabilities.Add(other.Vulnerabilities);
        MunicipalityByTheme.Add(other.MunicipalityByTheme);
        MunicipalityByNonTakeUp.Add(other.MunicipalityByNonTakeUp);
        ThemeByNonTakeUp.Add(other.ThemeByNonTakeUp);
        ActivityMunicipalities.Add(other.ActivityMunicipalities);
        ActivityThemes.Add(other.ActivityThemes);
        ActivityFormats.Add(other.ActivityFormats);
        ActivityMunicipalityByTheme.Add(other.ActivityMunicipalityByTheme);
        ActivityFormatByRegularity.Add(other.ActivityFormatByRegularity);
        ActivityFormatByOrganisation.Add(other.ActivityFormatByOrganisation);
        ParticipantsByFormat.Add(other.ParticipantsByFormat);
        EntryNeighbourhoods.Add(other.EntryNeighbourhoods);
        ActivityNeighbourhoods.Add(other.ActivityNeighbourhoods);
        _undated += other._undated;
        foreach (var (key, month) in other._months)
        {
            _months[key].Add(month);
        }
    }

    private int MunicipalityIndex(string municipality, string? postcode) =>
        _brusselsParts.Count > 0 && postcode is not null && municipality == BrusselsCity && _brusselsParts.TryGetValue(postcode, out var part)
            ? part
            : MunicipalityAxis.IndexOf(municipality);

    private static ReadOnlySpan<int> Indexes(string? codes, CodeAxis axis, Span<int> buffer)
    {
        if (string.IsNullOrEmpty(codes))
        {
            return [];
        }
        var count = 0;
        foreach (var range in codes.AsSpan().Split(','))
        {
            if (count == buffer.Length)
            {
                break;
            }
            buffer[count++] = axis.IndexOf(codes.AsSpan()[range]);
        }
        return buffer[..count];
    }

    private void Mix(string contentHash)
    {
        Span<byte> hash = stackalloc byte[32];
        if (Convert.FromHexString(contentHash, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            // A record stored without a hash (should not happen): fingerprint its text instead.
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(contentHash), hash);
        }
        for (var i = 0; i < 32; i++)
        {
            _fingerprint[i] ^= hash[i];
        }
    }
}
