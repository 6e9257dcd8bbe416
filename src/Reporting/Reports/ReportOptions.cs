using System.ComponentModel.DataAnnotations;
using Reporting.Domain.Aggregation;

namespace Reporting.Reports;

internal sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>How far back a scheduled run looks for closed periods that have no report yet (after downtime).</summary>
    [Range(1, 120)]
    public int CatchUpMonths { get; set; } = 24;

    /// <summary>The languages the scheduled reports are made in when none are configured.</summary>
    public static IReadOnlyList<string> DefaultScheduledLanguages { get; } = ["nl", "fr"];

    /// <summary>
    /// The languages the scheduled reports are made in. Configured languages replace the default ones (a default
    /// list here would have the configured ones added to it).
    /// </summary>
    public IList<string> ScheduledLanguages { get; } = [];

    /// <summary>The configured languages, or the default ones when none are.</summary>
    public IReadOnlyList<string> Languages => ScheduledLanguages.Count > 0 ? [.. ScheduledLanguages] : DefaultScheduledLanguages;

    /// <summary>
    /// How long a run waits for a report's lock held by another run (a crashed holder's lease lapses in 15 s). Past
    /// it, the request's message is tried again later. Unset: twice the lease and five seconds.
    /// </summary>
    public TimeSpan? LockPatience { get; set; }

    /// <summary>A report queued or running for longer than this (its message lost, its runs failing) is asked for again by the timers.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Funder workbooks hide counts below this in crossed tables and per-municipality counts: a count from 1 to
    /// <c>SmallCellThreshold − 1</c> is shown as "&lt;SmallCellThreshold" (see <see cref="SmallCells"/>).
    /// </summary>
    [Range(2, 100)]
    public int SmallCellThreshold { get; set; } = SmallCells.DefaultThreshold;
}
