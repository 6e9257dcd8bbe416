using System.Globalization;

namespace Reporting.Bench;

/// <summary>Named command-line arguments: <c>--name value</c>, or <c>--name</c> alone for a switch. A name given twice keeps its last value.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values) => _values = values;

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name before '{args[i]}'.");
            }
            var isSwitch = i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = isSwitch ? "true" : args[++i];
        }
        return new Arguments(values);
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Missing --{name}.");

    public string? Find(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);

    public int? FindInt(string name) => Find(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value != "false";
}
