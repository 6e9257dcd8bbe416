using Reporting.Workbooks;

namespace Reporting.Tests.Support;

/// <summary>A workbook shaped like the reports: a summary, a distribution with totals, a wide crossed table, a chart.</summary>
public static class SampleWorkbook
{
    public static readonly string[] Themes = Enumerable.Range('A', 26).Select(c => ((char)c).ToString()).ToArray();

    public static readonly string[] Municipalities =
    [
        "Anderlecht", "Oudergem", "Sint-Agatha-Berchem", "Brussel", "Etterbeek", "Evere", "Vorst", "Ganshoren",
        "Elsene", "Jette", "Koekelberg", "Sint-Jans-Molenbeek", "Sint-Gillis", "Sint-Joost-ten-Node", "Schaarbeek",
        "Ukkel", "Watermaal-Bosvoorde", "Sint-Lambrechts-Woluwe", "Sint-Pieters-Woluwe", "Outside Brussels",
    ];

    public static WorkbookSpec Create()
    {
        var summary = new SheetSpec(
            "Summary",
            "Outreach work 2022 – summary",
            ["Period: 1 January 2022 to 31 December 2022.", "Source: field records of the four programmes."],
            [
                new TableSpec(
                    "Summary",
                    null,
                    [new Column("Indicator", CellKind.Text), new Column("Value", CellKind.Text)],
                    [
                        ["Entries", 1234],
                        ["Activities", 56L],
                        ["Participants per activity", 12.75],
                        ["Campaign", "energy-2022"],
                        ["Postcode of the office", "1030"],
                        ["Not recorded", null],
                    ]),
                new TableSpec(
                    "Programmes",
                    "Entries per programme",
                    [new Column("Programme", CellKind.Text), new Column("Entries", CellKind.Count), new Column("Share", CellKind.Share)],
                    [
                        ["BAR", 617, 0.5],
                        ["CHW", 308, 0.2496],
                        ["PGBM", 206, 0.1669],
                        ["GA", 103, 0.0835],
                    ]),
            ]);

        var themeCounts = new[] { 4_210, 1_905, 800, 512, 73 };
        var total = themeCounts.Sum();
        var distribution = new SheetSpec(
            "Themes: distribution/2022",
            "Entries by theme",
            ["An entry can have several themes; shares are of all entries."],
            [
                new TableSpec(
                    "Themes distribution",
                    "Entries by theme, 2022",
                    [new Column("Theme", CellKind.Text), new Column("Entries", CellKind.Count), new Column("Share", CellKind.Share)],
                    themeCounts.Select((count, i) => (IReadOnlyList<object?>)[Themes[i], count, (double)count / total]).ToList(),
                    ["Total", total, 1.0]),
            ]);

        var crossed = new SheetSpec(
            "Municipality × theme",
            "Entries by municipality and theme",
            [],
            [
                new TableSpec(
                    "Crossed",
                    null,
                    [new Column("Municipality", CellKind.Text), .. Themes.Select(t => new Column(t, CellKind.Count))],
                    Municipalities.Select((m, r) => (IReadOnlyList<object?>)[m, .. Themes.Select((_, c) => (object?)CrossedCount(r, c))]).ToList(),
                    ["Total", .. Themes.Select((_, c) => (object?)Enumerable.Range(0, Municipalities.Length).Sum(r => CrossedCount(r, c)))]),
            ]);

        var chart = new SheetSpec(
            "Activities",
            "Activities by format",
            ["Collective activities only."],
            [
                new TableSpec(
                    "Formats",
                    "Activities by format",
                    [new Column("Format", CellKind.Text), new Column("Activities", CellKind.Count), new Column("Share", CellKind.Share)],
                    [
                        ["Market stand", 20, 0.4],
                        ["Information session", 15, 0.3],
                        ["Workshop", 10, 0.2],
                        ["Walk", 5, 0.1],
                    ],
                    ["Total", 50, 1.0]),
            ],
            [
                new ChartSpec("Activities by format", "Formats", 0, 1),
                new ChartSpec("Share of activities", "Formats", 0, 2),
            ]);

        return new WorkbookSpec("Outreach report 2022", [summary, distribution, crossed, chart]);
    }

    /// <summary>Deterministic counts for the crossed table, some in the thousands, some zero.</summary>
    public static int CrossedCount(int row, int column) => ((row * 37) + (column * 101)) % 7 == 0 ? 0 : (((row + 3) * (column + 7) * 53) % 2_500) + 1;

    public static MemoryStream Write(WorkbookSpec? spec = null)
    {
        var stream = new MemoryStream();
        XlsxWriter.Write(spec ?? Create(), stream, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        stream.Position = 0;
        return stream;
    }
}
