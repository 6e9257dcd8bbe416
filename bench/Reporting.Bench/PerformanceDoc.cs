using System.Globalization;

namespace Reporting.Bench;

/// <summary>Writes the latest results into docs/performance.md between its two markers; the prose around them is kept.</summary>
internal static class PerformanceDoc
{
    public const string Begin = "<!-- bench:begin (written by ./bench.sh) -->";
    public const string End = "<!-- bench:end -->";

    public static void Update(string path, DateTimeOffset started, string machine, string table, string details, TimeSpan took, bool quick)
    {
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{path} has no '{Begin}' … '{End}' section to write the results into.");
        }
        var kind = quick ? " — a quick smoke run (--quick): little data, few repetitions, figures that mean nothing" : "";
        var results = string.Create(CultureInfo.InvariantCulture,
            $"""
            {Begin}
            Measured on {started:yyyy-MM-dd HH:mm} UTC ({took.TotalMinutes:F1} min in all) on {machine}{kind}.

            {table}

            Behind the medians:

            {details}
            {End}
            """);
        File.WriteAllText(path, text[..begin] + results + text[(end + End.Length)..]);
    }
}
