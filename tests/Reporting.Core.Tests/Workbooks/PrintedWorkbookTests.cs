using System.Globalization;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;
using Reporting.Workbooks;
using UglyToad.PdfPig;

namespace Reporting.Core.Tests.Workbooks;

/// <summary>
/// A French annual workbook printed to PDF by LibreOffice, read back page by page: what a funder who prints it
/// without fixing anything gets.
/// </summary>
public sealed class PrintedWorkbookTests
{
    private sealed record PrintedPage(int Number, string Text, IReadOnlyList<string> Words, double MedianFontSize);

    /// <summary>One print for the tests of this class (LibreOffice takes seconds).</summary>
    private static readonly Lazy<Task<(IReadOnlyList<PrintedPage> Pages, string Fingerprint)>> Printed = new(PrintAsync);

    private static async Task<(IReadOnlyList<PrintedPage> Pages, string Fingerprint)> PrintAsync()
    {
        var (entries, activities) = ReportContentTests.Records(500, 120);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.Fr);
        var data = new ReportAggregator(scope, ReferenceCatalog.Current);
        entries.ForEach(f => data.AddEntry(f));
        activities.ForEach(a => data.AddActivity(a));
        var folder = Directory.CreateTempSubdirectory("reporting-print-");
        try
        {
            var path = Path.Combine(folder.FullName, "rapport.xlsx");
            await using (var file = File.Create(path))
            {
                XlsxWriter.Write(ReportLayout.Build(scope, data, DateTimeOffset.UnixEpoch, SmallCells.DefaultThreshold), file);
            }
            var pdf = await LibreOffice.PrintToPdfAsync(path, TimeSpan.FromMinutes(3));
            using var document = PdfDocument.Open(pdf);
            var pages = document.GetPages().Select(page =>
            {
                var words = page.GetWords().Select(w => w.Text).ToList();
                var sizes = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => l.PointSize).Order().ToList();
                return new PrintedPage(page.Number, string.Join(' ', words), words, sizes.Count == 0 ? 0 : sizes[sizes.Count / 2]);
            }).ToList();
            return (pages, data.Fingerprint);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EveryPrintedPageHasTheReportsHeaderItsSheetAndPageNOfN()
    {
        var (pages, fingerprint) = await Printed.Value;

        Assert.True(pages.Count >= 18, $"{pages.Count} pages for 18 sheets");
        foreach (var page in pages)
        {
            Assert.Contains("Rapport d'activités BAR 2022 · FR", page.Text, StringComparison.Ordinal);
            Assert.Contains(string.Format(CultureInfo.InvariantCulture, "Page {0} sur {1}", page.Number, pages.Count), page.Text, StringComparison.Ordinal);
        }

        // The summary on its first page, in type that is read without a magnifier, its fingerprint whole.
        var summary = pages[0];
        Assert.Contains("Résumé", summary.Text, StringComparison.Ordinal);
        Assert.Contains(fingerprint, summary.Words);
        Assert.True(summary.MedianFontSize >= 7, $"the summary is printed in {summary.MedianFontSize} pt type");
    }

    [Fact]
    public async Task ChartsArePrintedWithEveryBarLabelledAndLongTablesRepeatTheirHeaderRow()
    {
        var (pages, _) = await Printed.Value;

        // The themes' page: its chart's 26 labels, each a code and the start of its label.
        var themes = pages.Single(p => p.Text.StartsWith("Rapport d'activités BAR 2022 · FR Thèmes", StringComparison.Ordinal));
        foreach (var theme in ReferenceCatalog.Current.Themes.Codes)
        {
            var first = theme.Label.Fr.Split(' ')[0];
            Assert.Contains($"{theme.Value} · {first}", themes.Text, StringComparison.Ordinal);
        }

        // A chart on every page of a distribution: its title printed three times (the page header, the sheet's title, the chart's).
        foreach (var title in new[] { "Premier contact", "Démarches effectuées", "Non-recours", "Interventions par commune", "Actions collectives par format", "Quartiers" })
        {
            Assert.Contains(pages, p => Occurrences(p.Text, title) >= 3);
        }

        // The code lists run over several pages, each with the header row on top of its rows.
        var codeLists = pages.Where(p => p.Text.Contains("Listes de codes", StringComparison.Ordinal) || p.Text.Contains("Liste Code NL FR EN", StringComparison.Ordinal)).ToList();
        Assert.True(codeLists.Count >= 2, $"the code lists fill {codeLists.Count} pages");
        Assert.All(codeLists, p => Assert.Contains("Liste Code NL FR EN", p.Text, StringComparison.Ordinal));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
