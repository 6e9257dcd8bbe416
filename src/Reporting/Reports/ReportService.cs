using System.Globalization;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Domain.Aggregation;
using Reporting.Disclosure;
using Reporting.Workbooks;
using Reporting.Diagnostics;
using Reporting.Storage;

namespace Reporting.Reports;

/// <summary>
/// Produces reports: reads the scope's records, counts them, lays the workbook out, uploads it, and only then
/// marks the report ready in the index, so a ready report always has a whole workbook behind it.
/// </summary>
internal sealed class ReportService(
    ReportIndex index,
    ReportSource source,
    WorkbookStore workbooks,
    ReportRequests queue,
    ReferenceData reference,
    TimeProvider time,
    IOptions<ReportOptions> options,
    ILogger<ReportService> logger)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Task<ReportEntry?> GetAsync(string id, CancellationToken cancellationToken = default) => index.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<ReportEntry>> ListAsync(string? programme, string? periodKey, CancellationToken cancellationToken = default) =>
        index.ListAsync(programme, periodKey, cancellationToken);

    /// <summary>
    /// The blob an edition of a scope's workbook is stored under: programme, period kind, then the report id (and the
    /// edition's number from the second on, so that the first keeps the name reports had before editions).
    /// </summary>
    public static string BlobNameOf(ReportScope scope, int edition = 1) =>
        $"{scope.Programme}/{scope.Period.Kind.ToString().ToLowerInvariant()}/{scope.Id}{(edition > 1 ? $".e{edition.ToString(CultureInfo.InvariantCulture)}" : "")}.xlsx";

    /// <summary>
    /// Marks a report queued in the index and puts its request on the queue of requested reports
    /// (<see cref="ReportRequests"/>); the queue function makes it, on whichever instance. Every request sends a
    /// message, even for a report already queued (its message may have been lost with a process that stopped
    /// between the two writes): a run that finds the report made after its request was sent leaves it. A run in
    /// progress does not stop a new request: the new run waits for its lock and then makes the report again
    /// (records may have changed).
    /// </summary>
    public async Task<ReportEntry> RequestAsync(ReportScope scope, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var existing = await index.GetAsync(scope.Id, cancellationToken);
        var queued = existing is { Status: ReportStatus.Running }
            ? existing
            : new ReportEntry(scope, ReportStatus.Queued, null, 0, 0, null, null, null, existing?.CreatedAt ?? now, now, null, !scope.Period.HasClosed(now));
        if (!ReferenceEquals(queued, existing))
        {
            await index.SaveAsync(queued, cancellationToken);
        }
        await queue.SendAsync(new ReportRequest(scope, now), cancellationToken);
        return queued;
    }

    /// <summary>
    /// Produces a report now and returns its final state (ready, or failed with the reason). Two runs for the
    /// same scope never overlap: a run holds the scope's lock (a blob lease) throughout. A run that finds the
    /// lock taken waits for it (a crashed holder's lease lapses by itself); if the report became ready after
    /// <paramref name="requestedAt"/> meanwhile, it is not made twice, unless it is provisional and its period has
    /// closed since. A report whose period has not closed when the run starts is provisional, and says so.
    /// </summary>
    public async Task<ReportEntry> RunAsync(ReportScope scope, DateTimeOffset? requestedAt = null, CancellationToken cancellationToken = default)
    {
        var patience = options.Value.LockPatience ?? ReportLock.Duration * 2 + TimeSpan.FromSeconds(5);
        await using var held = await workbooks.LockAsync(scope.Id, patience, time, cancellationToken);
        var existing = await index.GetAsync(scope.Id, cancellationToken);
        if (held is null)
        {
            logger.LogWarning("Report {Id}: another run held its lock for longer than {Patience}; left to that run", scope.Id, patience);
            var at = time.GetUtcNow();
            return existing ?? new ReportEntry(scope, ReportStatus.Running, null, 0, 0, null, null, null, at, at, null, !scope.Period.HasClosed(at));
        }
        var started = time.GetUtcNow();
        var provisional = !scope.Period.HasClosed(started);
        using var activity = Telemetry.Source.StartActivity("Report run");
        activity?.SetTag("report.id", scope.Id);
        activity?.SetTag("report.period_kind", scope.Period.Kind.ToString().ToLowerInvariant());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (requestedAt is { } asked && existing is { Status: ReportStatus.Ready, CompletedAt: { } completed } && completed >= asked
            && (!existing.Provisional || provisional))
        {
            return existing;
        }
        var createdAt = existing?.CreatedAt ?? started;
        // The editions made so far (rows of their own) stay listed, and downloadable, while the report is made again.
        IReadOnlyList<ReportEdition> editions = existing is null ? [] : await index.ListEditionsAsync(existing, cancellationToken);
        await index.SaveAsync(new ReportEntry(scope, ReportStatus.Running, null, 0, 0, null, null, null, createdAt, started, null, provisional), cancellationToken);
        try
        {
            var aggregator = new ReportAggregator(scope, reference);
            await source.ReadAsync(scope, aggregator, cancellationToken);

            // A funder's workbook is protected together with the ones its family already published, and no other
            // workbook of the family is audited or published meanwhile.
            var forFunders = ForFunders(scope);
            await using var family = forFunders ? await workbooks.LockAsync(FamilyLockOf(scope), FamilyPatience, time, cancellationToken) : null;
            if (forFunders && family is null)
            {
                throw new TimeoutException($"Another report of {scope.Programme} {scope.Period.From.Year} held the family's lock for longer than {FamilyPatience}.");
            }
            var siblings = forFunders ? await LoadFamilyAsync(scope, cancellationToken) : [];
            var threshold = options.Value.SmallCellThreshold;
            // The last final edition stays downloadable beside a new one: its cells, for the new edition to hide the
            // counts that changed by a few records.
            var lastFinal = editions.LastOrDefault(e => !e.Provisional);
            var lastFinalCells = forFunders && !provisional && lastFinal is not null ? await workbooks.LoadCellsAsync(lastFinal.BlobName, cancellationToken) : null;
            var plan = scope.Unsuppressed ? null : DisclosureControl.Protect(scope.Id, scope, aggregator, threshold, siblings, lastFinalCells);
            if (plan is { FamilyContradictory: true })
            {
                logger.LogWarning("Report {Id}: its family's workbooks were made from different states of the records; audited within each workbook only", scope.Id);
            }
            var published = plan?.Published ?? new PublishedCells(scope.Id, scope.Period.Kind, scope.Period.From, scope.Period.To, scope.SplitBrussels, threshold,
                WorkbookCells.Of(aggregator), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

            // An edition per change of figures: the same figures (and the same provisional state) make the current
            // edition again; other figures make the next one, and the earlier stays as it was.
            var last = editions.Count == 0 ? null : editions[^1];
            var earlierCells = last is null ? null : last == lastFinal && lastFinalCells is not null ? lastFinalCells : await workbooks.LoadCellsAsync(last.BlobName, cancellationToken);
            var same = last is not null && last.Provisional == provisional
                && (last.Fingerprint == aggregator.Fingerprint || (earlierCells is not null && SameFigures(earlierCells, published)));
            var number = same ? last!.Number : (last?.Number ?? 0) + 1;
            if (!same && lastFinalCells is not null && HeldBack(scope, lastFinal!, lastFinalCells, published, threshold) is { } notice)
            {
                var current = editions[^1];
                var unchanged = new ReportEntry(scope, ReportStatus.Ready, null, current.Entries, current.Activities, current.BlobName, current.Size, current.Fingerprint,
                    createdAt, time.GetUtcNow(), current.CompletedAt, current.Provisional) { Notice = notice };
                await index.SaveAsync(unchanged, cancellationToken);
                Measure(activity, clock, ReportStatus.Ready, current.Entries, current.Activities);
                return unchanged;
            }

            var comparison = await LoadComparisonAsync(scope, cancellationToken);
            // The edition it replaces: the last one, or, when this one is made again from the same figures, the one
            // before it (the workbook then says what it said the first time).
            var replaced = same ? (editions.Count > 1 ? editions[^2] : null) : last;
            var replacedCells = replaced is null ? null : replaced == last ? earlierCells : await workbooks.LoadCellsAsync(replaced.BlobName, cancellationToken);
            var revision = replaced is null ? new Revision(number) : new Revision(number, replaced.Number, replaced.Fingerprint, replaced.CompletedAt, replacedCells);
            var spec = ReportLayout.Build(scope, aggregator, time.GetUtcNow(), plan, provisional, comparison, revision);

            var path = Path.GetTempFileName();
            await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            XlsxWriter.Write(spec, file);
            var size = file.Length;
            file.Position = 0;
            var blobName = BlobNameOf(scope, number);
            // First what it publishes (for the audits after it, and for the changes the next edition lists); only what
            // a ready report's index row names is ever read.
            await workbooks.SaveCellsAsync(blobName, published, cancellationToken);
            await workbooks.UploadAsync(blobName, file, XlsxContentType, cancellationToken);

            var done = time.GetUtcNow();
            // The edition's row before the report's: a run that stops between them leaves the edition listed and
            // downloadable, and the next run counts from it.
            await index.SaveEditionAsync(scope.Id, new ReportEdition(number, blobName, size, aggregator.Fingerprint, aggregator.Entries, aggregator.Activities, done, provisional), cancellationToken);
            var ready = new ReportEntry(scope, ReportStatus.Ready, null, aggregator.Entries, aggregator.Activities, blobName, size, aggregator.Fingerprint, createdAt, done, done, provisional);
            await index.SaveAsync(ready, cancellationToken);
            Measure(activity, clock, ReportStatus.Ready, aggregator.Entries, aggregator.Activities);
            logger.LogInformation("Report {Id} ready: edition {Edition}, {Entries} entries, {Activities} activities, {Size} bytes, provisional: {Provisional}",
                scope.Id, number, aggregator.Entries, aggregator.Activities, size, provisional);
            return ready;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Report {Id} failed", scope.Id);
            // Records that kept moving, or a workbook the audit refused, say so in plain words; anything else names
            // its kind, for whoever looks into it.
            var reason = e is RecordsMovingException or DisclosureException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            var failed = new ReportEntry(scope, ReportStatus.Failed, reason.Length > 500 ? reason[..500] : reason, 0, 0, null, null, null, createdAt, time.GetUtcNow(), null, provisional);
            await index.SaveAsync(failed, CancellationToken.None);
            Measure(activity, clock, ReportStatus.Failed, 0, 0);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            return failed;
        }
    }

    /// <summary>A run's duration, outcome and record counts, as metrics and on its trace (counts and codes only).</summary>
    private static void Measure(System.Diagnostics.Activity? activity, System.Diagnostics.Stopwatch clock, ReportStatus status, long entries, long activities)
    {
        var outcome = new KeyValuePair<string, object?>("report.status", status.ToString().ToLowerInvariant());
        Telemetry.ReportDuration.Record(clock.Elapsed.TotalSeconds, outcome);
        Telemetry.Reports.Add(1, outcome);
        Telemetry.ReportRecords.Add(entries, new KeyValuePair<string, object?>("record.kind", "entry"));
        Telemetry.ReportRecords.Add(activities, new KeyValuePair<string, object?>("record.kind", "activity"));
        activity?.SetTag("report.status", outcome.Value);
        activity?.SetTag("report.entries", entries);
        activity?.SetTag("report.activities", activities);
    }

    /// <summary>
    /// Whether funders may see a scope's report: a whole programme's month, quarter or year with small cells hidden.
    /// These are the workbooks protected together as a family (a programme's year); a municipality's, a campaign's
    /// or a range's report is a coordinator's.
    /// </summary>
    public static bool ForFunders(ReportScope scope) =>
        !scope.Unsuppressed && scope.Municipality is null && scope.Campaign is null && scope.Period.Kind != PeriodKind.Range;

    /// <summary>
    /// How long a report waits for its family's lock: the disclosure control of a year with its months and quarters
    /// can take minutes on a small machine, and a report of the same family is better late than failed.
    /// </summary>
    private static readonly TimeSpan FamilyPatience = TimeSpan.FromMinutes(10);

    private static string FamilyLockOf(ReportScope scope) => $"family-{scope.Programme}-{scope.Period.From.Year}";

    /// <summary>
    /// What the ready funder workbooks of the scope's programme and year published (but for this report's own, which
    /// it replaces); a provisional workbook is never published to funders, so it is no member.
    /// </summary>
    private async Task<IReadOnlyList<PublishedCells>> LoadFamilyAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var members = (await index.ListAsync(scope.Programme, null, cancellationToken))
            .Where(r => r is { Status: ReportStatus.Ready, BlobName: not null, Provisional: false } && r.Id != scope.Id && ForFunders(r.Scope) && r.Scope.Period.From.Year == scope.Period.From.Year)
            .ToList();
        var cells = await Task.WhenAll(members.Select(r => workbooks.LoadCellsAsync(r.BlobName!, cancellationToken)));
        return [.. cells.OfType<PublishedCells>()];
    }

    /// <summary>
    /// What funders received for the previous period and for the same period a year earlier, for a report of a whole
    /// programme's month, quarter or year: the published figures of a ready final funder workbook of each period (one
    /// with Brussel-Stad split as this one is, when there is one). None for a municipality's, a campaign's or a range's
    /// report, whose figures are not those of any earlier funder workbook.
    /// </summary>
    private async Task<Comparison?> LoadComparisonAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        if (scope.Municipality is not null || scope.Campaign is not null || scope.Period.Kind == PeriodKind.Range)
        {
            return null;
        }
        async Task<PublishedCells?> LoadAsync(ReportPeriod period)
        {
            var published = (await index.ListAsync(scope.Programme, period.Key, cancellationToken))
                .Where(r => r is { Status: ReportStatus.Ready, BlobName: not null, Provisional: false } && ForFunders(r.Scope) && r.Scope.Period == period)
                .OrderBy(r => r.Scope.SplitBrussels == scope.SplitBrussels ? 0 : 1).ThenBy(r => r.Scope.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            return published is null ? null : await workbooks.LoadCellsAsync(published.BlobName!, cancellationToken);
        }
        return new Comparison(await LoadAsync(scope.Period.Previous()), await LoadAsync(scope.Period.YearBefore()));
    }

    /// <summary>
    /// Why a new edition of a funder's workbook is held back, or null when it may be published: beside the last final
    /// edition, the changes a reader could work out concern fewer records than the threshold (see
    /// <see cref="RevisionAudit"/>), even with the counts that changed by a few records hidden. The report stays at
    /// that edition until more has changed.
    /// </summary>
    private string? HeldBack(ReportScope scope, ReportEdition lastFinal, PublishedCells before, PublishedCells now, int threshold)
    {
        var small = RevisionAudit.SmallChanges(before, now, threshold);
        if (small.Count == 0)
        {
            return null;
        }
        logger.LogInformation("Report {Id}: a new edition is held back, {Count} figures would change by fewer than {Threshold}", scope.Id, small.Count, threshold);
        return $"Edition {lastFinal.Number.ToString(CultureInfo.InvariantCulture)} stays current: the records changed since would show in some figures as a change of fewer than {threshold.ToString(CultureInfo.InvariantCulture)}, which could single those records out. A new edition is made when more has changed.";
    }

    /// <summary>Whether two editions show the same figures: the same counts shown, the same hidden and left out.</summary>
    private static bool SameFigures(PublishedCells a, PublishedCells b) =>
        a.Shown.Count == b.Shown.Count && a.Shown.All(c => b.Shown.TryGetValue(c.Key, out var v) && v == c.Value)
        && a.Hidden.SetEquals(b.Hidden) && a.LeftOut.SetEquals(b.LeftOut);

    /// <summary>The editions of a report, oldest first.</summary>
    public Task<IReadOnlyList<ReportEdition>> ListEditionsAsync(ReportEntry report, CancellationToken cancellationToken = default) =>
        index.ListEditionsAsync(report, cancellationToken);

    /// <summary>The workbook of a ready report, streamed from storage; null when there is none.</summary>
    public async Task<WorkbookDownload?> OpenWorkbookAsync(ReportEntry report, CancellationToken cancellationToken = default) =>
        report is { Status: ReportStatus.Ready, BlobName: { } blobName } ? await workbooks.OpenAsync(blobName, cancellationToken) : null;

    /// <summary>The workbook of one edition of a report, whatever the report's status now; null when there is none.</summary>
    public async Task<WorkbookDownload?> OpenEditionAsync(ReportEdition edition, CancellationToken cancellationToken = default) =>
        await workbooks.OpenAsync(edition.BlobName, cancellationToken);
}
