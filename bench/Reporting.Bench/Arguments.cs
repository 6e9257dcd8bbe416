using System.Globalization;

namespace Reporting.Bench;

/// <summary>Named command-line arguments (<c>--name value</c>).</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values) => _values = values;

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name before '{args[i]}'.");
            }
            values[args[i][2..]] = args[i + 1];
        }
        return new Arguments(values);
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Missing --{name}.");

    public string? Find(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
}
