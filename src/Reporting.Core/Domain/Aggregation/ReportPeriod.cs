using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.Domain.Aggregation;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    Range,
}

/// <summary>
/// The dates a report covers, both ends included. Records carry their date in the Europe/Brussels calendar, so
/// a period is a range of calendar dates; <see cref="LastClosed"/> decides in Brussels time when one has ended.
/// </summary>
public sealed partial record ReportPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{

    /// <summary>The longest range a coordinator may ask for in one report.</summary>
    public const int MaxRangeDays = 366 * 5;

    public static ReportPeriod ForMonth(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static ReportPeriod ForQuarter(int year, int quarter) =>
        new(PeriodKind.Quarter, new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1));

    public static ReportPeriod ForYear(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static ReportPeriod ForRange(DateOnly from, DateOnly to) => new(PeriodKind.Range, from, to);

    /// <summary>A short name that sorts and reads well: 2022-03, 2022-Q1, 2022, 2022-01-01_2022-06-30.</summary>
    public string Key => Kind switch
    {
        PeriodKind.Month => From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{From.Year}-Q{QuarterOf(From)}",
        PeriodKind.Year => From.Year.ToString(CultureInfo.InvariantCulture),
        _ => $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
    };

    /// <summary>The months the period touches, in order: the partitions a report reads.</summary>
    public IEnumerable<DateOnly> Months()
    {
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>The first day a report may cover: no record is older (<see cref="RecordReader.EarliestDate"/>).</summary>
    public static DateOnly Earliest => RecordReader.EarliestDate;

    /// <summary>The last day a report may cover at <paramref name="now"/>: 31 December of the current year in Brussels.</summary>
    public static DateOnly LatestAt(DateTimeOffset now) => new(BrusselsCalendar.Today(now).Year, 12, 31);

    /// <summary>Whether the period lies within <see cref="Earliest"/> … <see cref="LatestAt"/>.</summary>
    public bool IsWithinBounds(DateTimeOffset now) => From >= Earliest && To <= LatestAt(now);

    /// <summary>
    /// Whether the period has closed by <paramref name="now"/>: its last day is before today in Brussels. A report of
    /// a period that has not closed is provisional, since records of its remaining days may still come in.
    /// </summary>
    public bool HasClosed(DateTimeOffset now) => To < BrusselsCalendar.Today(now);

    /// <summary>Whether the period lies wholly inside the given month (so no date filter is needed on it).</summary>
    public bool CoversMonth(DateOnly month) => From <= month && To >= month.AddMonths(1).AddDays(-1);

    /// <summary>Parses 2022-03, 2022-Q1 or 2022.</summary>
    public static ReportPeriod? Parse(string text)
    {
        var match = PeriodPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? ForMonth(year, month) : null;
        }
        if (match.Groups["quarter"].Success)
        {
            return ForQuarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        }
        return ForYear(year);
    }

    /// <summary>The last period of this kind that has ended by <paramref name="now"/>, on the Brussels calendar.</summary>
    public static ReportPeriod LastClosed(PeriodKind kind, DateTimeOffset now)
    {
        var today = BrusselsCalendar.Today(now);
        return kind switch
        {
            PeriodKind.Month => ForMonth(today.Year, today.Month).Previous(),
            PeriodKind.Quarter => ForQuarter(today.Year, QuarterOf(today)).Previous(),
            PeriodKind.Year => ForYear(today.Year).Previous(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), "Ranges do not close on a calendar."),
        };
    }

    /// <summary>The period of the same kind just before this one.</summary>
    public ReportPeriod Previous() => Kind switch
    {
        PeriodKind.Month => ForMonth(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.Quarter => ForQuarter(From.AddMonths(-3).Year, QuarterOf(From.AddMonths(-3))),
        PeriodKind.Year => ForYear(From.Year - 1),
        _ => throw new InvalidOperationException("A range has no previous period."),
    };

    /// <summary>The same period a year earlier.</summary>
    public ReportPeriod YearBefore() => Kind switch
    {
        PeriodKind.Month => ForMonth(From.Year - 1, From.Month),
        PeriodKind.Quarter => ForQuarter(From.Year - 1, QuarterOf(From)),
        PeriodKind.Year => ForYear(From.Year - 1),
        _ => throw new InvalidOperationException("A range has no period a year earlier."),
    };

    private static int QuarterOf(DateOnly date) => (date.Month + 2) / 3;

    [GeneratedRegex(@"^(?<year>20\d\d)(-(?<month>\d\d)|-Q(?<quarter>[1-4]))?\z")]
    private static partial Regex PeriodPattern();
}

/// <summary>What one report covers and how it is shown.</summary>
public sealed record ReportScope(
    string Programme,
    ReportPeriod Period,
    string? Municipality = null,
    string? Campaign = null,
    ReportLanguage Language = ReportLanguage.Nl,
    bool SplitBrussels = false,
    bool Unsuppressed = false)
{
    /// <summary>
    /// A readable id that is the same for the same scope, so producing a report twice replaces it instead of
    /// making a second one: BAR_2022-03_nl, BAR_2022_fr_m21015_split, BAR_2022-Q1_nl_full (small cells shown).
    /// </summary>
    public string Id
    {
        get
        {
            var id = $"{Programme}_{Period.Key}_{Language.ToString().ToLowerInvariant()}";
            if (Municipality is not null)
            {
                id += "_m" + Municipality;
            }
            if (Campaign is not null)
            {
                id += "_c" + Campaign;
            }
            if (SplitBrussels)
            {
                id += "_split";
            }
            // A workbook with small cells shown is for coordinators only; funders get the suppressed one.
            return Unsuppressed ? id + "_full" : id;
        }
    }
}
