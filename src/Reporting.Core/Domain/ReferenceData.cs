namespace Reporting.Domain;

/// <summary>A label in the three languages the reports are read in.</summary>
public sealed record Label(string Nl, string Fr, string En)
{
    public string In(ReportLanguage language) => language switch
    {
        ReportLanguage.Fr => Fr,
        ReportLanguage.En => En,
        _ => Nl,
    };
}

public enum ReportLanguage
{
    Nl,
    Fr,
    En,
}

/// <summary>
/// One code of a code list. A retired code is refused on new records but keeps its label, so records
/// stored before it was retired are still read and reported.
/// </summary>
public sealed record Code(string Value, Label Label, bool Retired = false);

public sealed class CodeList
{
    private readonly Dictionary<string, Code> _byValue;

    public CodeList(string name, IReadOnlyList<Code> codes)
    {
        Name = name;
        Codes = codes;
        _byValue = codes.ToDictionary(c => c.Value, StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<Code> Codes { get; }

    public bool IsActive(string value) => _byValue.TryGetValue(value, out var code) && !code.Retired;

    public Code? Find(string value) => _byValue.GetValueOrDefault(value);
}

/// <summary>A part of a municipality that reports can show apart (Laken, Neder-Over-Heembeek, Haren).</summary>
public sealed record MunicipalityPart(string Code, string Postcode, Label Name);

public sealed record Municipality(string Nis, Label Name, IReadOnlyList<MunicipalityPart> Parts)
{
    /// <summary>Postcodes a record may give to place itself in a part of this municipality.</summary>
    public MunicipalityPart? PartForPostcode(string postcode) => Parts.FirstOrDefault(p => p.Postcode == postcode);
}

public sealed record Neighbourhood(string Code, Label Name, string Municipality, bool Retired = false);

/// <summary>
/// Every code list the records use, as one versioned whole. Records store the version they were validated
/// against; reports say which version they used.
/// </summary>
public sealed class ReferenceData
{
    public required string Version { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public required CodeList Programmes { get; init; }
    public required CodeList Themes { get; init; }
    public required CodeList NonTakeUp { get; init; }
    public required CodeList FirstContact { get; init; }
    public required CodeList Initiative { get; init; }
    public required CodeList Places { get; init; }
    public required CodeList Actions { get; init; }
    public required CodeList Vulnerabilities { get; init; }
    public required CodeList ActivityFormats { get; init; }
    public required CodeList Regularity { get; init; }
    public required CodeList Organisation { get; init; }
    public required CodeList Campaigns { get; init; }
    public required IReadOnlyList<Municipality> Municipalities { get; init; }
    public required IReadOnlyList<Neighbourhood> Neighbourhoods { get; init; }

    private Dictionary<string, Municipality>? _municipalities;
    private Dictionary<string, Neighbourhood>? _neighbourhoods;

    public Municipality? FindMunicipality(string nis) =>
        (_municipalities ??= Municipalities.ToDictionary(m => m.Nis, StringComparer.Ordinal)).GetValueOrDefault(nis);

    public Neighbourhood? FindNeighbourhood(string code) =>
        (_neighbourhoods ??= Neighbourhoods.ToDictionary(n => n.Code, StringComparer.Ordinal)).GetValueOrDefault(code);

    public IEnumerable<CodeList> CodeLists =>
    [
        Programmes, Themes, NonTakeUp, FirstContact, Initiative, Places, Actions, Vulnerabilities,
        ActivityFormats, Regularity, Organisation, Campaigns,
    ];
}
