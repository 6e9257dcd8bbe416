using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Reports;
using Reporting.Storage;

namespace Reporting.Timers;

/// <summary>
/// What the monthly, quarterly and yearly timers do: for every programme with records, ask for the report of
/// every closed period (back to the catch-up horizon) that has no final ready report yet and is not already being
/// made: a provisional one, made before its period closed, is made again. Running twice asks for nothing new;
/// after downtime every missed period is asked for, not just the last (the host runs one past-due invocation, not
/// one per missed run). The reports go through the report queue, each retried on its own.
/// </summary>
internal sealed class ScheduledReports(ReportService reports, ReportSource source, ReferenceData reference, IOptions<ReportOptions> options, ILogger<ScheduledReports> logger)
{
    public async Task<IReadOnlyList<ReportEntry>> RunAsync(PeriodKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var horizon = BrusselsCalendar.Today(now).AddMonths(-options.Value.CatchUpMonths);
        var periods = new List<ReportPeriod>();
        for (var period = ReportPeriod.LastClosed(kind, now); period.From >= horizon; period = period.Previous())
        {
            periods.Add(period);
        }
        periods.Reverse();
        var languages = options.Value.Languages.Select(l => Enum.Parse<ReportLanguage>(l, ignoreCase: true)).Distinct().ToList();

        var produced = new List<ReportEntry>();
        var horizonRange = periods.Count == 0 ? null : ReportPeriod.ForRange(periods[0].From, periods[^1].To);
        foreach (var programme in reference.Programmes.Codes.Select(c => c.Value))
        {
            // A programme without records anywhere in the horizon is answered by one probe, not one per period.
            if (horizonRange is null || !await source.HasRecordsAsync(programme, horizonRange, cancellationToken))
            {
                continue;
            }
            // Final ready reports need nothing; reports queued or running recently are on their way.
            var done = (await reports.ListAsync(programme, null, cancellationToken))
                .Where(r => (r.Status == ReportStatus.Ready && !r.Provisional)
                    || (r.Status is ReportStatus.Queued or ReportStatus.Running && now - r.UpdatedAt < options.Value.StaleAfter))
                .Select(r => r.Id)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var period in periods)
            {
                var scopes = languages.Select(l => new ReportScope(programme, period, Language: l)).Where(s => !done.Contains(s.Id)).ToList();
                if (scopes.Count == 0 || !await source.HasRecordsAsync(programme, period, cancellationToken))
                {
                    continue;
                }
                foreach (var scope in scopes)
                {
                    produced.Add(await reports.RequestAsync(scope, cancellationToken));
                }
            }
        }
        logger.LogInformation("Scheduled {Kind} reports: {Count} asked for", kind, produced.Count);
        return produced;
    }
}
