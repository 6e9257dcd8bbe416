using System.Globalization;

namespace Reporting.Storage;

/// <summary>
/// Builds OData <c>$filter</c> expressions from an interpolated string, quoting and escaping every value that
/// is interpolated, so a value can never change the shape of the filter.
/// </summary>
public static class TableFilter
{
    public static string Create(FormattableString filter)
    {
        var arguments = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Guid g => $"guid'{g:D}'",
        DateTimeOffset d => $"datetime'{d.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}'",
        DateTime d => $"datetime'{d.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ}'",
        _ => throw new ArgumentException($"A filter cannot hold a value of type {value.GetType().Name}.", nameof(value)),
    };
}
