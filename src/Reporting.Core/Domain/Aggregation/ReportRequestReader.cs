using System.Globalization;
using System.Text.Json;

namespace Reporting.Domain.Aggregation;

/// <summary>
/// Reads a coordinator's report request: <c>{"programme","period","municipality","campaign","language","splitBrussels","suppressSmallCells"}</c>.
/// A period lies within <see cref="ReportPeriod.Earliest"/> and 31 December of the current year in Brussels.
/// </summary>
public sealed class ReportRequestReader(ReferenceData reference, TimeProvider time)
{
    private static readonly Dictionary<string, ReportLanguage> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nl"] = ReportLanguage.Nl,
        ["fr"] = ReportLanguage.Fr,
        ["en"] = ReportLanguage.En,
    };

    private static readonly string[] Fields = ["programme", "period", "municipality", "campaign", "language", "splitBrussels", "suppressSmallCells"];

    private static readonly string[] RangeFields = ["from", "to"];

    public ReportScope? Read(JsonElement json, ValidationErrors errors)
    {
        var r = new JsonObjectReader(json, Fields, [], errors);
        if (!r.IsObject)
        {
            return null;
        }
        var programme = r.Code("programme", reference.Programmes, required: true);
        var period = Period(json, r, errors, time.GetUtcNow());
        var municipality = r.String("municipality", required: false, maxLength: 5, Texts.Municipality);
        if (municipality is not null && reference.FindMunicipality(municipality) is null)
        {
            r.Fail("municipality", Texts.Municipality);
        }
        var campaign = r.Code("campaign", reference.Campaigns, required: false);
        var language = ReportLanguage.Nl;
        // Only the three names: a number such as "02" is not a language, even though it would parse as one.
        if (r.String("language", required: false, maxLength: 2, Texts.Language) is { } lang && !Languages.TryGetValue(lang, out language))
        {
            r.Fail("language", Texts.Language);
        }
        var split = Boolean(json, r, "splitBrussels", false);
        var suppress = Boolean(json, r, "suppressSmallCells", true);
        return errors.IsEmpty ? new ReportScope(programme!, period!, municipality, campaign, language, split, Unsuppressed: !suppress) : null;
    }

    private static bool Boolean(JsonElement json, JsonObjectReader r, string field, bool absent)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        r.Fail(field, Texts.TrueOrFalse);
        return absent;
    }

    private static ReportPeriod? Period(JsonElement json, JsonObjectReader r, ValidationErrors errors, DateTimeOffset now)
    {
        var latest = ReportPeriod.LatestAt(now);
        var bounds = Texts.PeriodBounds.With(ReportPeriod.Earliest, latest);
        if (!json.TryGetProperty("period", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            r.Fail("period", Texts.PeriodRequired);
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var period = ReportPeriod.Parse(value.GetString()!);
            if (period is null)
            {
                r.Fail("period", Texts.Period);
                return null;
            }
            if (!period.IsWithinBounds(now))
            {
                r.Fail("period", bounds);
                return null;
            }
            return period;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            r.Fail("period", Texts.PeriodStringOrRange);
            return null;
        }
        DateOnly? Date(string name)
        {
            if (value.TryGetProperty(name, out var d) && d.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            errors.Add($"$.period.{name}", Texts.ExpectedDate);
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<int>();
        var position = 0;
        foreach (var property in value.EnumerateObject())
        {
            position++;
            if (property.Name is not ("from" or "to"))
            {
                unknown.Add(position);
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add($"$.period.{property.Name}", Texts.GivenTwice);
            }
        }
        errors.AddUnknownProperties("$.period", unknown, RangeFields);
        var from = Date("from");
        var to = Date("to");
        if (from is null || to is null)
        {
            return null;
        }
        if (from > to)
        {
            errors.Add("$.period.to", Texts.ToBeforeFrom);
            return null;
        }
        var tooEarly = from < ReportPeriod.Earliest;
        var tooLate = to > latest;
        if (tooEarly)
        {
            errors.Add("$.period.from", bounds);
        }
        if (tooLate)
        {
            errors.Add("$.period.to", bounds);
        }
        if (tooEarly || tooLate)
        {
            return null;
        }
        if (to.Value.DayNumber - from.Value.DayNumber > ReportPeriod.MaxRangeDays)
        {
            errors.Add("$.period", Texts.RangeTooLong.With(ReportPeriod.MaxRangeDays));
            return null;
        }
        return ReportPeriod.ForRange(from.Value, to.Value);
    }
}
