using System.Globalization;
using System.Security.Cryptography;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Tests.Support;
using Reporting.Workbooks;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using SheetColumn = DocumentFormat.OpenXml.Spreadsheet.Column;

namespace Reporting.Core.Tests.Workbooks;

/// <summary>
/// The sheets a funder reads at a glance (neighbourhoods, collective actions by format) and the charts beside every
/// distribution, read back from the written file; every expected figure is counted here from the records fed in.
/// </summary>
public sealed class ReportContentTests
{
    private static readonly string[] Formats = ["market-stand", "workshop", "roundtable", "info-campaign", "neighbourhood-festival"];

    private static string Hash(int n) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(n)));

    /// <summary>Entries (two in three with a neighbourhood) and collective actions (each with a neighbourhood, a format, a regularity and an organisation).</summary>
    internal static (List<EntryFacts> Entries, List<ActivityFacts> Activities) Records(int entries, int activities, int seed = 11)
    {
        var random = new Random(seed);
        var neighbourhoods = ReferenceCatalog.Current.Neighbourhoods;
        var entryFacts = ReportWorkbookTests.Facts(entries).Select(f =>
        {
            var n = neighbourhoods[random.Next(neighbourhoods.Count)];
            var dated = f with { Date = Day(random) };
            return random.Next(3) == 0 ? dated : dated with { Municipality = n.Municipality, Neighbourhood = n.Code };
        }).ToList();
        var activityFacts = Enumerable.Range(0, activities).Select(i =>
        {
            var n = neighbourhoods[random.Next(neighbourhoods.Count)];
            return new ActivityFacts(Hash(1_000_000 + i), n.Municipality, null, "Activity " + (i % 7), Formats[random.Next(Formats.Length)], "E,K",
                random.Next(4) == 0 ? null : random.Next(3, 40), "2026.1")
            {
                Neighbourhood = random.Next(5) == 0 ? null : n.Code,
                Regularity = random.Next(2) == 0 ? "regular" : "one-off",
                Organisation = random.Next(3) == 0 ? "joined" : "own",
                Date = Day(random),
            };
        }).ToList();
        return (entryFacts, activityFacts);
    }

    /// <summary>A day of 2022, more of them in spring and autumn than in summer, as outreach goes.</summary>
    private static string Day(Random random)
    {
        int[] weights = [6, 7, 9, 9, 8, 5, 2, 2, 8, 9, 8, 4];
        var pick = random.Next(weights.Sum());
        var month = 0;
        while (pick >= weights[month])
        {
            pick -= weights[month++];
        }
        return new DateOnly(2022, month + 1, 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static MemoryStream Workbook(ReportScope scope, List<EntryFacts> entries, List<ActivityFacts> activities)
    {
        var data = new ReportAggregator(scope, ReferenceCatalog.Current);
        entries.ForEach(f => data.AddEntry(f));
        activities.ForEach(a => data.AddActivity(a));
        var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, data, DateTimeOffset.UnixEpoch, SmallCells.DefaultThreshold), output);
        output.Position = 0;
        return output;
    }

    /// <summary>The rows under the header row whose first cell is "Code", up to the first row without a code.</summary>
    private static (IReadOnlyList<object?> Header, List<IReadOnlyList<object?>> Rows, IReadOnlyList<object?>? Totals) Table(IReadOnlyList<IReadOnlyList<object?>> sheet)
    {
        var header = sheet.First(r => r.Count > 1 && r[0] as string == "Code");
        var start = sheet.ToList().IndexOf(header) + 1;
        var rows = sheet.Skip(start).TakeWhile(r => r[0] is string).ToList();
        var after = start + rows.Count;
        return (header, rows, after < sheet.Count && sheet[after][0] is null && sheet[after][1] is string ? sheet[after] : null);
    }

    private static int Column(IReadOnlyList<object?> header, string name) => header.ToList().IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException($"No column {name}");

    [Fact]
    public void TheNeighbourhoodsSheetCountsEntriesAndActionsPerNeighbourhoodUnderItsMunicipality()
    {
        var (entries, activities) = Records(400, 90);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En, Unsuppressed: true);
        using var workbook = Workbook(scope, entries, activities);

        var (header, rows, _) = Table(WorkbookReader.ReadSheet(workbook, "Neighbourhoods"));

        var reference = ReferenceCatalog.Current.Neighbourhoods;
        Assert.Equal(reference.Count, rows.Count);
        var municipalityOrder = ReferenceCatalog.Current.Municipalities.Select(m => m.Nis).ToList();
        var shownOrder = rows.Select(r => municipalityOrder.IndexOf(((string)r[2]!)[..5])).ToList();
        Assert.Equal(shownOrder.Order(), shownOrder);
        foreach (var row in rows)
        {
            var code = (string)row[0]!;
            var neighbourhood = reference.Single(n => n.Code == code);
            Assert.Equal(neighbourhood.Name.En, row[1]);
            Assert.StartsWith(neighbourhood.Municipality + " ", (string)row[2]!);
            Assert.Equal((double)entries.Count(e => e.Neighbourhood == code), row[Column(header, "Individual interventions")]);
            Assert.Equal((double)activities.Count(a => a.Neighbourhood == code), row[Column(header, "Collective actions")]);
        }
        Assert.True(entries.Any(e => e.Neighbourhood is null), "some entries give no neighbourhood and are in no row");
        Assert.Equal((double)entries.Count(e => e.Neighbourhood is not null), rows.Sum(r => (double)r[3]!));
    }

    [Fact]
    public void AMunicipalitysReportShowsItsNeighbourhoodsInsteadOfTheRegionsMunicipalities()
    {
        var (entries, activities) = Records(400, 90);
        const string schaarbeek = "21015";
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Municipality: schaarbeek, Language: ReportLanguage.En, Unsuppressed: true);
        // What the store gives a municipality's report: its own records only.
        using var workbook = Workbook(scope, entries.Where(e => e.Municipality == schaarbeek).ToList(), activities.Where(a => a.Municipality == schaarbeek).ToList());

        var names = WorkbookReader.SheetNames(workbook);
        var (_, rows, _) = Table(WorkbookReader.ReadSheet(workbook, "Neighbourhoods"));

        Assert.DoesNotContain("Interventions per municipality", names);
        Assert.DoesNotContain("Coll. actions per municipality", names);
        Assert.DoesNotContain("Municipality × theme", names);
        Assert.Contains("Theme × non-take-up", names);
        var expected = ReferenceCatalog.Current.Neighbourhoods.Where(n => n.Municipality == schaarbeek).Select(n => n.Code).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => (string)r[0]!));
        foreach (var row in rows)
        {
            Assert.Equal((double)entries.Count(e => e.Neighbourhood == (string)row[0]!), row[3]);
        }
    }

    [Fact]
    public void CollectiveActionsPerFormatGiveTheirRegularityOrganisationAndParticipants()
    {
        var (entries, activities) = Records(100, 150);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En, Unsuppressed: true);
        using var workbook = Workbook(scope, entries, activities);

        var (header, rows, totals) = Table(WorkbookReader.ReadSheet(workbook, "Collective actions per format"));

        Assert.Equal(ReferenceCatalog.Current.ActivityFormats.Codes.Select(c => c.Value), rows.Select(r => (string)r[0]!));
        var columns = new (string Header, Func<ActivityFacts, bool> Counts)[]
        {
            ("Count", _ => true),
            ("Regular", a => a.Regularity == "regular"),
            ("One-off", a => a.Regularity == "one-off"),
            ("Own", a => a.Organisation == "own"),
            ("Joined", a => a.Organisation == "joined"),
        };
        foreach (var row in rows)
        {
            var format = (string)row[0]!;
            var of = activities.Where(a => a.Format == format).ToList();
            foreach (var (name, counts) in columns)
            {
                Assert.Equal((double)of.Count(counts), row[Column(header, name)]);
            }
            Assert.Equal((double)of.Sum(a => a.Participants ?? 0), row[Column(header, "Participants (sum)")]);
        }
        Assert.NotNull(totals);
        Assert.Equal((double)activities.Count, totals[Column(header, "Count")]);
        Assert.Equal((double)activities.Count(a => a.Regularity == "one-off"), totals[Column(header, "One-off")]);
        Assert.Equal((double)activities.Count(a => a.Organisation == "joined"), totals[Column(header, "Joined")]);
        Assert.Equal((double)activities.Sum(a => a.Participants ?? 0), totals[Column(header, "Participants (sum)")]);
    }

    [Theory]
    [InlineData(ReportLanguage.Fr, false)]
    [InlineData(ReportLanguage.Nl, false)]
    [InlineData(ReportLanguage.En, true)]
    public void EveryBarOfEveryChartStandsBesideItsOwnRowsLabel(ReportLanguage language, bool unsuppressed)
    {
        var (entries, activities) = Records(300, 80);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: language, Unsuppressed: unsuppressed);
        using var workbook = Workbook(scope, entries, activities);
        using var document = SpreadsheetDocument.Open(workbook, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();

        var checkedCharts = 0;
        foreach (var sheet in sheets)
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
            var cells = WorkbookReader.ReadSheet(workbook, sheet.Name!);
            foreach (var chart in part.DrawingsPart?.ChartParts ?? [])
            {
                checkedCharts++;
                var space = chart.ChartSpace;
                // Every label drawn: none skipped on a long axis.
                Assert.Equal(1, space.Descendants<C.TickLabelSkip>().Single().Val!.Value);
                foreach (var series in space.Descendants<C.Values>())
                {
                    CheckSeries(sheet.Name!.Value!, cells, series, series.Parent!.GetFirstChild<C.CategoryAxisData>()!);
                }
            }
        }
        // A bar chart beside each of the 11 distributions and the neighbourhoods, and the trend's line chart.
        Assert.Equal(13, checkedCharts);
    }

    /// <summary>Each point of a series: its label is the label of the row whose value it draws, and a hidden count has no point.</summary>
    private static void CheckSeries(string sheet, IReadOnlyList<IReadOnlyList<object?>> cells, C.Values series, C.CategoryAxisData axis)
    {
        var categories = Range(axis.Descendants<C.Formula>().Single().Text);
        var values = Range(series.Descendants<C.Formula>().Single().Text);
        Assert.Equal(sheet, categories.Sheet);
        Assert.Equal(sheet, values.Sheet);
        Assert.Equal((values.First, values.Last), (categories.First, categories.Last));
        var points = series.Descendants<C.NumericPoint>().ToDictionary(p => (int)p.Index!.Value, p => double.Parse(p.InnerText, CultureInfo.InvariantCulture));
        for (var row = categories.First; row <= categories.Last; row++)
        {
            var code = (string)cells[row - 1][0]!;
            var label = (string)cells[row - 1][1]!;
            var bar = (string)cells[row - 1][categories.Column - 1]!;
            // The bar's label is its row's label (shortened with an ellipsis), after its code where one is shown.
            var text = bar.StartsWith(code + " · ", StringComparison.Ordinal) ? bar[(code.Length + 3)..] : bar;
            Assert.True(label == text || (text.EndsWith('…') && label.StartsWith(text.TrimEnd('…'), StringComparison.Ordinal)),
                $"{sheet}: the bar of row {row} is labelled \"{bar}\" beside {code} \"{label}\"");
            Assert.True(text.Length <= 36, $"{sheet}: \"{bar}\" is too long for a chart");
            // A point only for a count shown in its cell: a hidden count has none.
            var value = cells[row - 1][values.Column - 1];
            if (value is double shown)
            {
                Assert.Equal(shown, points[row - categories.First]);
            }
            else
            {
                Assert.False(points.ContainsKey(row - categories.First), $"{sheet}: a point for the hidden count of {code}");
            }
        }
    }


    [Fact]
    public void FrenchAndDutchWorkbooksTellIndividualActionsFromCollectiveOnes()
    {
        var (entries, activities) = Records(200, 60);
        foreach (var (language, individual) in new[] { (ReportLanguage.Fr, "Démarches effectuées"), (ReportLanguage.Nl, "Ondernomen stappen") })
        {
            using var workbook = Workbook(new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: language), entries, activities);
            var names = WorkbookReader.SheetNames(workbook);
            Assert.Contains(individual, names);
            // Every other sheet about actions says it is about collective ones.
            var actions = names.Where(n => n.Contains("action", StringComparison.OrdinalIgnoreCase) || n.Contains("actie", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(4, actions.Count);
            Assert.All(actions, n => Assert.Contains("coll", n, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void TheFingerprintFitsItsColumnAndLongLabelsWrapInsteadOfBeingCut()
    {
        var (entries, activities) = Records(200, 60);
        using var workbook = Workbook(new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.Fr), entries, activities);
        using var document = SpreadsheetDocument.Open(workbook, false);
        var workbookPart = document.WorkbookPart!;
        var formats = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var strings = workbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();

        var checkedLong = 0;
        foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
            var widths = worksheet.Elements<Columns>().SingleOrDefault()?.Elements<SheetColumn>().ToDictionary(c => (int)c.Min!.Value, c => c.Width!.Value) ?? [];
            var merged = worksheet.Descendants<MergeCell>().Select(m => WorkbookReader.Position(m.Reference!.Value!.Split(':')[0]).Row).ToHashSet();
            foreach (var cell in worksheet.Descendants<Cell>().Where(c => c.DataType?.Value == CellValues.SharedString))
            {
                var (row, column) = WorkbookReader.Position(cell.CellReference!.Value!);
                var text = strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
                var hidden = worksheet.Descendants<SheetColumn>().Any(c => c.Hidden?.Value == true && c.Min!.Value == column + 1);
                if (row == 0 || merged.Contains(row) || hidden || !widths.TryGetValue(column + 1, out var width) || text.Length + 1 <= width)
                {
                    continue;
                }
                // Longer than its column: it wraps, in a row as high as its lines.
                checkedLong++;
                var format = formats[(int)(cell.StyleIndex?.Value ?? 0)];
                Assert.True(format.Alignment?.WrapText?.Value == true, $"{sheet.Name} {cell.CellReference}: \"{text}\" is cut at width {width}");
                var height = cell.Parent is Row r && r.Height is not null ? r.Height.Value : 15;
                Assert.True(height >= 15 * Math.Ceiling(text.Length / width), $"{sheet.Name} {cell.CellReference}: row of height {height} for \"{text}\"");
            }
        }
        Assert.True(checkedLong > 0, "French labels longer than a column should exist (Mener une action directe …)");

        var summary = WorkbookReader.ReadSheet(workbook, "Résumé");
        var fingerprint = summary.Single(r => r[0] as string == "Empreinte des enregistrements")[1] as string;
        Assert.Equal(64, fingerprint!.Length);
    }

    private static bool Mentions(string? codes, string code) => codes is not null && codes.Split(',').Contains(code);

    [Fact]
    public void TheTrendCountsEveryMonthOfThePeriodAndItsTotalsAreThePeriods()
    {
        var (entries, activities) = Records(400, 100);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En, Unsuppressed: true);
        using var workbook = Workbook(scope, entries, activities);

        var sheet = WorkbookReader.ReadSheet(workbook, "Trend per month");
        var header = sheet.First(r => r[0] as string == "Month");
        var start = sheet.ToList().IndexOf(header) + 1;
        var rows = sheet.Skip(start).TakeWhile(r => r[0] is string).ToList();
        var totals = sheet[start + rows.Count];

        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2022-{m:00}"), rows.Select(r => (string)r[0]!));
        Assert.Equal("March 2022", rows[2][1]);
        var largest = ReferenceCatalog.Current.Themes.Codes.Select(c => c.Value)
            .Select(code => (Code: code, Count: entries.Count(e => Mentions(e.Themes, code))))
            .Where(t => t.Count > 0).OrderByDescending(t => t.Count).ThenBy(t => t.Code, StringComparer.Ordinal).Take(5).Select(t => t.Code).ToList();
        var measures = new List<(int Column, Func<string, long> Month, long Period)>
        {
            (Column(header, "Individual interventions"), m => entries.Count(e => e.Date!.StartsWith(m, StringComparison.Ordinal)), entries.Count),
            (Column(header, "Collective actions"), m => activities.Count(a => a.Date!.StartsWith(m, StringComparison.Ordinal)), activities.Count),
            (Column(header, "Participants (sum)"), m => activities.Where(a => a.Date!.StartsWith(m, StringComparison.Ordinal)).Sum(a => a.Participants ?? 0L), activities.Sum(a => a.Participants ?? 0L)),
        };
        foreach (var mechanism in ReferenceCatalog.Current.NonTakeUp.Codes)
        {
            measures.Add((Column(header, mechanism.Label.En), m => entries.Count(e => e.Date!.StartsWith(m, StringComparison.Ordinal) && Mentions(e.NonTakeUp, mechanism.Value)), entries.Count(e => Mentions(e.NonTakeUp, mechanism.Value))));
        }
        foreach (var theme in largest)
        {
            var column = header.ToList().FindIndex(h => h is string text && text.StartsWith(theme + " · ", StringComparison.Ordinal));
            Assert.True(column > 0, $"no column for theme {theme}, one of the five largest");
            measures.Add((column, m => entries.Count(e => e.Date!.StartsWith(m, StringComparison.Ordinal) && Mentions(e.Themes, theme)), entries.Count(e => Mentions(e.Themes, theme))));
        }
        Assert.Equal(header.Count(h => h is string) - 2, measures.Count);
        foreach (var row in rows)
        {
            foreach (var (column, month, _) in measures)
            {
                Assert.Equal((double)month((string)row[0]!), row[column]);
            }
        }
        foreach (var (column, _, period) in measures)
        {
            Assert.Equal((double)period, totals[column]);
        }
    }

    /// <summary>The funder workbooks of April, May and June 2022 published one after the other, and the counts of their quarter.</summary>
    private static (List<Reporting.Disclosure.PublishedCells> Family, ReportScope Scope, ReportAggregator Quarter) SecondQuarter(List<EntryFacts> entries, List<ActivityFacts> activities)
    {
        static bool In(string? date, int month) => date!.StartsWith($"2022-{month:00}", StringComparison.Ordinal);
        var family = new List<Reporting.Disclosure.PublishedCells>();
        for (var month = 4; month <= 6; month++)
        {
            var monthScope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, month));
            var data = new ReportAggregator(monthScope, ReferenceCatalog.Current);
            entries.Where(e => In(e.Date, month)).ToList().ForEach(e => data.AddEntry(e));
            activities.Where(a => In(a.Date, month)).ToList().ForEach(a => data.AddActivity(a));
            family.Add(Reporting.Disclosure.DisclosureControl.Protect(monthScope.Id, monthScope, data, SmallCells.DefaultThreshold, family).Published);
        }
        var scope = new ReportScope("BAR", ReportPeriod.ForQuarter(2022, 2), Language: ReportLanguage.En);
        var quarter = new ReportAggregator(scope, ReferenceCatalog.Current);
        entries.Where(e => In(e.Date, 4) || In(e.Date, 5) || In(e.Date, 6)).ToList().ForEach(e => quarter.AddEntry(e));
        activities.Where(a => In(a.Date, 4) || In(a.Date, 5) || In(a.Date, 6)).ToList().ForEach(a => quarter.AddActivity(a));
        return (family, scope, quarter);
    }

    /// <summary>
    /// Few collective actions: the months' workbooks hide or leave out most of theirs, and the quarter could show
    /// none of its figures with its trend (seed 2), or with its trend and details (seed 1): it leaves them out instead.
    /// </summary>
    [Theory]
    [InlineData(2, false, "The trend per month is left out: with the records of these months it would give small counts away.")]
    [InlineData(1, true, "The trend per month, the neighbourhoods and the details of collective actions (regularity, organisation, participants per format) are left out: with the records of this period they would give small counts away.")]
    public void AQuarterWhoseTrendOrDetailsWouldGiveSmallCountsAwayIsPublishedWithoutThem(int seed, bool details, string note)
    {
        var (entries, activities) = Records(160, 40, seed);
        var (family, scope, quarter) = SecondQuarter(entries, activities);

        var plan = Reporting.Disclosure.DisclosureControl.Protect(scope.Id, scope, quarter, SmallCells.DefaultThreshold, family);

        Assert.True(plan.TrendWithheld, $"withdrawn {plan.Withdrawn}, details withheld {plan.DetailsWithheld}");
        Assert.Equal(details, plan.DetailsWithheld);
        Assert.False(plan.NoFigures);
        var published = plan.Published.Shown.Keys.Concat(plan.Published.Hidden).Concat(plan.Published.LeftOut).ToList();
        Assert.DoesNotContain(published, Reporting.Disclosure.WorkbookCells.IsTrend);
        Assert.Equal(!details, published.Any(Reporting.Disclosure.WorkbookCells.IsDetail));
        Assert.Empty(Reporting.Disclosure.DisclosureAudit.Run([.. family, plan.Published], ["21004-laken", "21004-noh", "21004-haren"]).Findings);
        using var output = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, quarter, DateTimeOffset.UnixEpoch, plan), output);
        var names = WorkbookReader.SheetNames(output);
        Assert.DoesNotContain("Trend per month", names);
        Assert.Equal(!details, names.Contains("Neighbourhoods"));
        Assert.Equal(!details, Table(WorkbookReader.ReadSheet(output, "Collective actions per format")).Header.Contains("Regular"));
        Assert.Contains(WorkbookReader.ReadSheet(output, "Summary"), r => r[0] as string == note);
    }

    [Fact]
    public void AFundersQuarterTrendAgreesWithItsMonthsWorkbooksAndTheAuditFindsNoSmallCountNarrowed()
    {
        var (entries, activities) = Records(200, 150, seed: 5);
        var (family, scope, quarter) = SecondQuarter(entries, activities);

        var plan = Reporting.Disclosure.DisclosureControl.Protect(scope.Id, scope, quarter, SmallCells.DefaultThreshold, family);

        Assert.False(plan.FamilyContradictory, "the quarter's trend and its months' workbooks count the same records");
        Assert.False(plan.NoFigures);
        var trend = plan.Published.Shown.Where(c => c.Key.StartsWith("Trend|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(trend);
        foreach (var (id, value) in trend)
        {
            Assert.False(value is >= 1 and < 5, $"{id} shows the small count {value}");
            // A month's count in the quarter's trend is the one its own workbook shows, when it shows one.
            var (_, _, month, measure) = Reporting.Disclosure.WorkbookCells.Parse(id);
            var own = family[int.Parse(month![5..], CultureInfo.InvariantCulture) - 4];
            if (own.Shown.TryGetValue(Reporting.Disclosure.WorkbookCells.TrendBase(measure!), out var shown))
            {
                Assert.Equal(shown, value);
            }
        }
        Assert.Empty(Reporting.Disclosure.DisclosureAudit.Run([.. family, plan.Published], ["21004-laken", "21004-noh", "21004-haren"]).Findings);
    }

    [Fact]
    public void TheComparisonSetsEachCountBesideTheEarlierPeriodsAsPublishedAndTheSummaryNamesTheLargestChanges()
    {
        var (entries, activities) = Records(600, 150, seed: 8);
        static bool In(string? date, string month) => date!.StartsWith(month, StringComparison.Ordinal);
        Reporting.Disclosure.DisclosurePlan Publish(ReportScope scope, string month, out ReportAggregator data)
        {
            data = new ReportAggregator(scope, ReferenceCatalog.Current);
            foreach (var e in entries.Where(e => In(e.Date, month)))
            {
                data.AddEntry(e);
            }
            foreach (var a in activities.Where(a => In(a.Date, month)))
            {
                data.AddActivity(a);
            }
            return Reporting.Disclosure.DisclosureControl.Protect(scope.Id, scope, data, SmallCells.DefaultThreshold, []);
        }
        // February as published, and "March 2021" (April's records, standing in for a year earlier).
        var february = Publish(new ReportScope("BAR", ReportPeriod.ForMonth(2022, 2)), "2022-02", out _).Published;
        var yearBefore = Publish(new ReportScope("BAR", ReportPeriod.ForMonth(2021, 3)), "2022-04", out _).Published;
        var scope = new ReportScope("BAR", ReportPeriod.ForMonth(2022, 3), Language: ReportLanguage.En);
        var plan = Publish(scope, "2022-03", out var march);
        using var workbook = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, march, DateTimeOffset.UnixEpoch, plan, comparison: new Comparison(february, yearBefore)), workbook);

        var sheet = WorkbookReader.ReadSheet(workbook, "Comparison");
        var header = sheet.First(r => r[0] as string == "Table");
        Assert.Equal(["Table", "Code", "Label", "This period (2022-03)", "Previous period (2022-02)", "Change (2022-02)", "A year earlier (2021-03)", "Change (2021-03)"], header.Take(8));
        var rows = sheet.Skip(sheet.ToList().IndexOf(header) + 1).Where(r => r[0] is string).ToList();
        object? AsPublished(Reporting.Disclosure.PublishedCells cells, string id) =>
            cells.Shown.TryGetValue(id, out var v) ? (double)v : cells.Hidden.Contains(id) ? "<5" : null;
        var themes = rows.Where(r => (string)r[0]! == "Themes").ToList();
        Assert.Equal(ReferenceCatalog.Current.Themes.Codes.Count, themes.Count);
        var changes = new List<(double Change, string Text)>();
        foreach (var row in rows)
        {
            var id = (string)row[0]! switch
            {
                "Summary" => (string)row[2]! switch { "Individual interventions" => "Entries", "Collective actions" => "Activities", _ => "Participants" },
                "Themes" => "Themes|" + row[1],
                "First contact" => "FirstContact|" + row[1],
                "Collective actions per format" => "ActivityFormats|" + row[1],
                _ => null,
            };
            if (id is null)
            {
                continue;
            }
            // This period as this workbook shows it, the others as they were published; a change between numbers only.
            var truth = Reporting.Disclosure.WorkbookCells.Of(march)[id];
            Assert.Equal(plan.Hides(id) ? "<5" : (object)(double)truth, row[3]);
            Assert.Equal(AsPublished(february, id), row[4]);
            Assert.Equal(AsPublished(yearBefore, id), row[6]);
            Assert.Equal(row[3] is double now && row[4] is double then ? now - then : null, row[5]);
            Assert.Equal(row[3] is double now2 && row[6] is double then2 ? now2 - then2 : null, row[7]);
        }
        foreach (var row in rows.Where(r => r[5] is double d && d != 0))
        {
            changes.Add(((double)row[5]!, (string)row[2]!));
        }
        Assert.True(changes.Count >= 3, "the months should differ");

        // The summary names the three largest changes since February, largest first.
        var summary = WorkbookReader.ReadSheet(workbook, "Summary");
        var named = summary.Where(r => r[0] is string item && item.StartsWith("Largest change ", StringComparison.Ordinal)).Select(r => (string)r[1]!).ToList();
        Assert.Equal(3, named.Count);
        var largest = changes.Select(c => Math.Abs(c.Change)).OrderDescending().Take(3).ToList();
        for (var i = 0; i < 3; i++)
        {
            var sign = named[i].Split(", ")[^1].Split(' ')[0];
            Assert.Equal(largest[i], Math.Abs(double.Parse(sign, CultureInfo.InvariantCulture)));
            Assert.Contains("(2022-02 ", named[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AComparisonWithoutEarlierReportsSaysSoAndShowsNoChange()
    {
        var (entries, activities) = Records(200, 50);
        var scope = new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En, Unsuppressed: true);
        var data = new ReportAggregator(scope, ReferenceCatalog.Current);
        entries.ForEach(e => data.AddEntry(e));
        activities.ForEach(a => data.AddActivity(a));
        using var workbook = new MemoryStream();
        XlsxWriter.Write(ReportLayout.Build(scope, data, DateTimeOffset.UnixEpoch, plan: null, comparison: new Comparison(null, null)), workbook);

        var sheet = WorkbookReader.ReadSheet(workbook, "Comparison");
        Assert.Contains(sheet, r => r[0] as string == "No final funders' report has been published for 2021 yet.");
        var header = sheet.First(r => r[0] as string == "Table");
        var rows = sheet.Skip(sheet.ToList().IndexOf(header) + 1).Where(r => r[0] is string).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r[4] is null && r[5] is null && r[6] is null && r[7] is null));
        Assert.Contains(WorkbookReader.ReadSheet(workbook, "Summary"), r => r[1] as string == "No change between shown counts and an earlier period.");
    }

    /// <summary>A funder's cell: the true count when shown (never a small one), else the marker, which only hides a count of 1 or more.</summary>
    private static void AssertProtected(object? cell, long truth, string where)
    {
        if (cell is double shown)
        {
            Assert.True(truth is 0 or >= 5, $"{where}: the small count {truth} is shown");
            Assert.Equal(truth, (long)shown);
        }
        else
        {
            Assert.True(cell as string == "<5" && truth >= 1, $"{where}: \"{cell}\" for {truth}");
        }
    }

    private static int HiddenIn(IEnumerable<object?> cells) => cells.Count(c => c is string);

    [Fact]
    public void AFundersNeighbourhoodsAndFormatsHideSmallCountsAndNoneCanBeWorkedOutFromItsTotals()
    {
        var (entries, activities) = Records(150, 60, seed: 3);
        using var workbook = Workbook(new ReportScope("BAR", ReportPeriod.ForYear(2022), Language: ReportLanguage.En), entries, activities);

        var (_, neighbourhoods, _) = Table(WorkbookReader.ReadSheet(workbook, "Neighbourhoods"));
        var small = 0;
        foreach (var row in neighbourhoods)
        {
            var code = (string)row[0]!;
            var truth = entries.Count(e => e.Neighbourhood == code);
            small += truth is >= 1 and < 5 ? 1 : 0;
            AssertProtected(row[3], truth, $"entries of neighbourhood {code}");
            AssertProtected(row[4], activities.Count(a => a.Neighbourhood == code), $"actions of neighbourhood {code}");
        }
        Assert.True(small > 3, "the records should make small counts per neighbourhood");

        var (header, formats, totals) = Table(WorkbookReader.ReadSheet(workbook, "Collective actions per format"));
        var count = Column(header, "Count");
        var parts = new[] { new[] { Column(header, "Regular"), Column(header, "One-off") }, [Column(header, "Own"), Column(header, "Joined")] };
        foreach (var row in formats)
        {
            var of = activities.Where(a => a.Format == (string)row[0]!).ToList();
            AssertProtected(row[count], of.Count, $"{row[0]}");
            AssertProtected(row[parts[0][0]], of.Count(a => a.Regularity == "regular"), $"{row[0]} regular");
            AssertProtected(row[parts[0][1]], of.Count(a => a.Regularity == "one-off"), $"{row[0]} one-off");
            AssertProtected(row[parts[1][0]], of.Count(a => a.Organisation == "own"), $"{row[0]} own");
            AssertProtected(row[parts[1][1]], of.Count(a => a.Organisation == "joined"), $"{row[0]} joined");
            // Each action has one regularity and one organisation: a row's two parts add up to its count.
            if (row[count] is double)
            {
                Assert.All(parts, pair => Assert.NotEqual(1, HiddenIn(pair.Select(c => row[c]))));
            }
        }
        Assert.NotNull(totals);
        foreach (var column in parts.SelectMany(p => p).Append(count).Append(Column(header, "Participants (sum)")))
        {
            if (totals[column] is double)
            {
                Assert.True(HiddenIn(formats.Select(r => r[column])) != 1, $"{header[column]}: one hidden count under a shown total");
            }
        }
        Assert.Contains(formats.SelectMany(r => r), c => c as string == "<5");
    }

    private static (string Sheet, int Column, int First, int Last) Range(string formula)
    {
        // 'Sheet name'!$C$5:$C$30
        var bang = formula.LastIndexOf('!');
        var sheet = formula[..bang].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
        var parts = formula[(bang + 1)..].Replace("$", "", StringComparison.Ordinal).Split(':');
        var (firstRow, column) = WorkbookReader.Position(parts[0]);
        var (lastRow, _) = WorkbookReader.Position(parts[^1]);
        return (sheet, column + 1, firstRow + 1, lastRow + 1);
    }
}
