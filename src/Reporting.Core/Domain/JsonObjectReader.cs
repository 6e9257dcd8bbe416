using System.Globalization;
using System.Text.Json;

namespace Reporting.Domain;

/// <summary>
/// Reads the fields of one JSON object and collects every problem under its JSON path, so a form learns all
/// that is wrong with a record at once. Nothing here throws on bad input.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _object;
    private readonly ValidationErrors _errors;
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads <paramref name="element"/>'s properties: <paramref name="fields"/> are the contract's, in the order an
    /// error lists them; <paramref name="ignored"/> may be sent and are ignored (those the service writes); every
    /// problem goes to <paramref name="errors"/>.
    /// </summary>
    public JsonObjectReader(JsonElement element, IReadOnlyList<string> fields, IReadOnlyCollection<string> ignored, ValidationErrors errors)
    {
        _object = element;
        _errors = errors;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", Texts.ExpectedObject);
            return;
        }
        // An unknown property's name is whatever the caller typed (an e-mail address, a 60,000-character key):
        // it is told by its position, never repeated. A known one given twice is named: its name is the contract's.
        var unknown = new List<int>();
        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            position++;
            if (!fields.Contains(property.Name) && !ignored.Contains(property.Name))
            {
                unknown.Add(position);
            }
            else if (!_fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(PathOf(property.Name), Texts.GivenTwice);
            }
        }
        errors.AddUnknownProperties("$", unknown, fields);
    }

    public bool IsObject => _object.ValueKind == JsonValueKind.Object;

    public static string PathOf(string field) => "$." + field;

    /// <summary>Whether the object has <paramref name="field"/> with a value other than null (valid or not).</summary>
    public bool Has(string field) => _fields.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public void Fail(string field, Message message) => _errors.Add(PathOf(field), message);

    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (_fields.TryGetValue(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        if (required && IsObject)
        {
            Fail(field, Texts.Required);
        }
        return false;
    }

    /// <summary>
    /// A string field, trimmed. <paramref name="expected"/> says what to send when the field holds a code of a known
    /// shape (a NIS code, a date): a value that cannot be one (no string, too long) is answered with it.
    /// </summary>
    public string? String(string field, bool required, int maxLength, Message? expected = null)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, expected ?? Texts.ExpectedString);
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            Fail(field, required ? (expected is null ? Texts.Required : Texts.RequiredWhat.With(expected)) : Texts.NotBlank);
            return null;
        }
        if (text.Length > maxLength)
        {
            Fail(field, expected ?? Texts.AtMostCharacters.With(maxLength));
            return null;
        }
        if (text.Any(char.IsControl))
        {
            Fail(field, expected ?? Texts.NoControlCharacters);
            return null;
        }
        return text;
    }

    public string? Id(string field)
    {
        var text = String(field, required: true, maxLength: 36, Texts.Uuid);
        if (text is null)
        {
            return null;
        }
        if (!Guid.TryParseExact(text, "D", out var id))
        {
            Fail(field, Texts.Uuid);
            return null;
        }
        return id.ToString("D");
    }

    public string? Code(string field, CodeList list, bool required)
    {
        var text = String(field, required, maxLength: 64, UnknownCode(list));
        if (text is null)
        {
            return null;
        }
        if (!list.IsActive(text))
        {
            Fail(field, UnknownCode(list));
            return null;
        }
        return text;
    }

    /// <summary>A list of codes, returned in the reference list's order so that equal content compares equal.</summary>
    public IReadOnlyList<string>? Codes(string field, CodeList list, bool required, int minCount)
    {
        // A list longer than the code list cannot name each code once: refused before its items are looked at.
        var active = list.Codes.Count(c => !c.Retired);
        var items = Array(field, required, minCount, active, Texts.TooManyCodes.With(active, list.Name));
        if (items is null)
        {
            return null;
        }
        var path = PathOf(field);
        var codes = new List<string>();
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i].ValueKind != JsonValueKind.String)
            {
                _errors.Add(itemPath, UnknownCode(list));
                valid = false;
                continue;
            }
            var code = items[i].GetString()!;
            if (!list.IsActive(code))
            {
                _errors.Add(itemPath, UnknownCode(list));
                valid = false;
            }
            else if (codes.Contains(code, StringComparer.Ordinal))
            {
                _errors.Add(itemPath, Texts.CodeGivenTwice);
                valid = false;
            }
            else
            {
                codes.Add(code);
            }
        }
        if (!valid)
        {
            return null;
        }
        return list.Codes.Select(c => c.Value).Where(v => codes.Contains(v, StringComparer.Ordinal)).ToList();
    }

    /// <summary>
    /// A list of short identifiers (worker codes), each checked by <paramref name="problem"/> (null when valid);
    /// <paramref name="rule"/> says what to send instead of an item that is no string.
    /// </summary>
    public IReadOnlyList<string>? Identifiers(string field, int minCount, int maxCount, Func<string, Message?> problem, Message rule)
    {
        var items = Array(field, required: true, minCount, maxCount, Texts.AtMostItems.With(maxCount));
        if (items is null)
        {
            return null;
        }
        var path = PathOf(field);
        var values = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.String)
            {
                _errors.Add($"{path}[{i}]", rule);
                continue;
            }
            var value = items[i].GetString()!;
            if (problem(value) is { } message)
            {
                _errors.Add($"{path}[{i}]", message);
            }
            else if (values.Contains(value, StringComparer.Ordinal))
            {
                _errors.Add($"{path}[{i}]", Texts.ItemGivenTwice);
            }
            else
            {
                values.Add(value);
            }
        }
        return values.Count == items.Count ? values : null;
    }

    /// <summary>The items of an array field with from <paramref name="minCount"/> to <paramref name="maxCount"/> items; its length is checked before any item is read.</summary>
    private List<JsonElement>? Array(string field, bool required, int minCount, int maxCount, Message tooMany)
    {
        if (!TryGet(field, required, out var value))
        {
            return minCount == 0 && !required ? [] : null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(field, Texts.ExpectedArray);
            return null;
        }
        var count = value.GetArrayLength();
        if (count < minCount)
        {
            Fail(field, minCount == 1 ? Texts.AtLeastOne : Texts.AtLeast.With(minCount));
            return null;
        }
        if (count > maxCount)
        {
            Fail(field, tooMany);
            return null;
        }
        return value.EnumerateArray().ToList();
    }

    public DateOnly? Date(string field, DateOnly earliest, DateOnly latest)
    {
        var text = String(field, required: true, maxLength: 10, Texts.ExpectedDate);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(field, Texts.ExpectedDate);
            return null;
        }
        if (date < earliest)
        {
            Fail(field, Texts.NotBefore.With(earliest));
            return null;
        }
        if (date > latest)
        {
            Fail(field, Texts.NotInFuture);
            return null;
        }
        return date;
    }

    public int? Integer(string field, int min, int max)
    {
        if (!TryGet(field, required: false, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Fail(field, Texts.WholeNumber.With(min, max));
            return null;
        }
        return number;
    }

    /// <summary>
    /// An unknown code is not repeated: it is not a valid code, so it could be anything typed in the wrong field
    /// (a name, an e-mail address). The path says which value it is; a short list's codes are named, so that the
    /// message says what to send.
    /// </summary>
    private static Message UnknownCode(CodeList list)
    {
        var active = list.Codes.Where(c => !c.Retired).Select(c => c.Value).ToList();
        return active.Count <= MaxCodesNamed
            ? Texts.UnknownCodeOneOf.With(list.Name, string.Join(", ", active))
            : Texts.UnknownCode.With(list.Name);
    }

    /// <summary>The longest code list whose codes an error names; longer ones are told by GET /api/reference.</summary>
    private const int MaxCodesNamed = 12;
}
