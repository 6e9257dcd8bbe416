using System.Text.Json;

namespace Reporting.Domain;

/// <summary>
/// Turns the JSON a field form sends into a validated, normalised record, or into the list of everything wrong
/// with it. One rule set for single posts, batches and corrections.
/// </summary>
public sealed class RecordReader(ReferenceData reference, TimeProvider time)
{
    public static readonly DateOnly EarliestDate = new(2020, 1, 1);
    public const int MaxNameLength = 120;
    public const int MaxParticipants = 100_000;
    public const int MaxPartners = 1_000;
    public const int MaxWorkersPerActivity = 20;

    /// <summary>Fields the service writes; a client may send them back (from a GET) and they are ignored.</summary>
    private static readonly HashSet<string> ServerFields = ["referenceVersion", "recordedAt", "updatedAt"];

    private static readonly string[] EntryFields =
    [
        "id", "programme", "workerCode", "date", "municipality", "postcode", "neighbourhood", "firstContact",
        "initiative", "place", "actions", "nonTakeUp", "themes", "vulnerabilities", "campaign",
    ];

    private static readonly string[] ActivityFields =
    [
        "id", "programme", "workerCodes", "date", "municipality", "postcode", "neighbourhood", "name", "format",
        "regularity", "organisation", "themes", "participants", "partners", "campaign",
    ];

    public ReferenceData Reference => reference;

    /// <summary>Today in Brussels: the latest date a record may carry.</summary>
    public DateOnly Today => BrusselsCalendar.Today(time.GetUtcNow());

    public LogbookEntry? ReadEntry(JsonElement json, ValidationErrors errors)
    {
        var r = new JsonObjectReader(json, EntryFields, ServerFields, errors);
        if (!r.IsObject)
        {
            return null;
        }
        var id = r.Id("id");
        var programme = r.Code("programme", reference.Programmes, required: true);
        var worker = WorkerCode(r, programme);
        var date = r.Date("date", EarliestDate, Today);
        var place = Where(r);
        var firstContact = r.Code("firstContact", reference.FirstContact, required: true);
        var initiative = r.Code("initiative", reference.Initiative, required: true);
        var placeOfIntervention = r.Code("place", reference.Places, required: true);
        var actions = r.Codes("actions", reference.Actions, required: true, minCount: 1);
        var nonTakeUp = r.Codes("nonTakeUp", reference.NonTakeUp, required: true, minCount: 0);
        var themes = r.Codes("themes", reference.Themes, required: true, minCount: 1);
        var vulnerabilities = r.Codes("vulnerabilities", reference.Vulnerabilities, required: false, minCount: 0);
        var campaign = r.Code("campaign", reference.Campaigns, required: false);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new LogbookEntry
        {
            Id = id!,
            Programme = programme!,
            WorkerCode = worker!,
            Date = date!.Value,
            Municipality = place.Municipality!,
            Postcode = place.Postcode,
            Neighbourhood = place.Neighbourhood,
            FirstContact = firstContact!,
            Initiative = initiative!,
            Place = placeOfIntervention!,
            Actions = actions!,
            NonTakeUp = nonTakeUp!,
            Themes = themes!,
            Vulnerabilities = vulnerabilities!,
            Campaign = campaign,
        };
    }

    public CollectiveActivity? ReadActivity(JsonElement json, ValidationErrors errors)
    {
        var r = new JsonObjectReader(json, ActivityFields, ServerFields, errors);
        if (!r.IsObject)
        {
            return null;
        }
        var id = r.Id("id");
        var programme = r.Code("programme", reference.Programmes, required: true);
        var workers = r.Identifiers("workerCodes", minCount: 1, MaxWorkersPerActivity, code => WorkerCodes.Problem(code, programme), WorkerCodes.Rule(programme));
        var date = r.Date("date", EarliestDate, Today);
        var place = Where(r);
        var name = r.String("name", required: true, MaxNameLength);
        if (name is not null && PersonalData.Find(name) is { } kind)
        {
            r.Fail("name", Texts.NameHoldsPersonalData.With(Texts.PersonalDataKind(kind)));
            name = null;
        }
        var format = r.Code("format", reference.ActivityFormats, required: true);
        var regularity = r.Code("regularity", reference.Regularity, required: true);
        var organisation = r.Code("organisation", reference.Organisation, required: true);
        var themes = r.Codes("themes", reference.Themes, required: true, minCount: 1);
        var participants = r.Integer("participants", 0, MaxParticipants);
        var partners = r.Integer("partners", 0, MaxPartners);
        var campaign = r.Code("campaign", reference.Campaigns, required: false);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new CollectiveActivity
        {
            Id = id!,
            Programme = programme!,
            WorkerCodes = workers!,
            Date = date!.Value,
            Municipality = place.Municipality!,
            Postcode = place.Postcode,
            Neighbourhood = place.Neighbourhood,
            Name = name!,
            Format = format!,
            Regularity = regularity!,
            Organisation = organisation!,
            Themes = themes!,
            Participants = participants,
            Partners = partners,
            Campaign = campaign,
        };
    }

    /// <summary>The worker code of an entry, in the shape of the entry's programme (<see cref="WorkerCodes"/>).</summary>
    private static string? WorkerCode(JsonObjectReader r, string? programme)
    {
        var code = r.String("workerCode", required: true, maxLength: 32, WorkerCodes.Rule(programme));
        if (code is not null && WorkerCodes.Problem(code, programme) is { } problem)
        {
            r.Fail("workerCode", problem);
            return null;
        }
        return code;
    }

    private readonly record struct Place(string? Municipality, string? Postcode, string? Neighbourhood);

    /// <summary>
    /// Where the record happened: a neighbourhood, a municipality, or both when they agree. The municipality is
    /// derived from the neighbourhood when only the neighbourhood is given. A postcode places a record in a part
    /// of its municipality (Laken, Neder-Over-Heembeek, Haren in Brussel-Stad).
    /// </summary>
    private Place Where(JsonObjectReader r)
    {
        var municipalityCode = r.String("municipality", required: false, maxLength: 5, Texts.Municipality);
        var neighbourhoodCode = r.String("neighbourhood", required: false, maxLength: 8, Texts.Neighbourhood);
        var postcode = r.String("postcode", required: false, maxLength: 4);

        Municipality? municipality = null;
        if (municipalityCode is not null)
        {
            municipality = reference.FindMunicipality(municipalityCode);
            if (municipality is null)
            {
                r.Fail("municipality", Texts.Municipality);
            }
        }
        Neighbourhood? neighbourhood = null;
        if (neighbourhoodCode is not null)
        {
            neighbourhood = reference.FindNeighbourhood(neighbourhoodCode);
            if (neighbourhood is null || neighbourhood.Retired)
            {
                r.Fail("neighbourhood", Texts.Neighbourhood);
                neighbourhood = null;
            }
            else if (municipality is not null && neighbourhood.Municipality != municipality.Nis)
            {
                r.Fail("neighbourhood", Texts.NeighbourhoodElsewhere.With(neighbourhood.Code, neighbourhood.Municipality, municipality.Nis));
                neighbourhood = null;
            }
            else
            {
                municipality ??= reference.FindMunicipality(neighbourhood.Municipality);
            }
        }
        else if (!r.Has("municipality"))
        {
            // Neither is given; a municipality given but invalid has been told what to send already.
            r.Fail("municipality", Texts.MunicipalityOrNeighbourhood);
        }

        if (postcode is not null && municipality is not null && municipality.PartForPostcode(postcode) is null)
        {
            var allowed = municipality.Parts.Select(p => p.Postcode).ToList();
            r.Fail("postcode", allowed.Count == 0
                ? Texts.NoParts.With(municipality.Nis)
                : Texts.PostcodeOneOf.With(string.Join(", ", allowed), municipality.Nis));
            postcode = null;
        }
        return new Place(municipality?.Nis, postcode, neighbourhood?.Code);
    }
}
