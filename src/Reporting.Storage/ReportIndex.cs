using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Storage;

public enum ReportStatus
{
    Queued,
    Running,
    Ready,
    Failed,
}

/// <summary>
/// One report as the index knows it. <paramref name="Provisional"/>: its period had not closed when it was asked for
/// or made (see <see cref="ReportPeriod.HasClosed"/>), so its figures may still change and funders do not see it.
/// </summary>
public sealed record ReportEntry(
    ReportScope Scope,
    ReportStatus Status,
    string? Reason,
    long Entries,
    long Activities,
    string? BlobName,
    long? Size,
    string? Fingerprint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    bool Provisional = false)
{
    public string Id => Scope.Id;

    /// <summary>What a ready report's reader should know beyond its status (a new edition held back), in words.</summary>
    public string? Notice { get; init; }
}

/// <summary>
/// One edition of a report: a workbook whose figures differed from the edition before it, the fingerprint of the
/// records it counts, when it was made. Every edition stays downloadable.
/// </summary>
public sealed record ReportEdition(int Number, string BlobName, long Size, string Fingerprint, long Entries, long Activities, DateTimeOffset CompletedAt, bool Provisional);

/// <summary>
/// The report index: a table with one row per report (PartitionKey = programme, RowKey = the report id, which
/// the scope determines), so the same scope always finds the same row.
/// </summary>
public sealed class ReportIndex
{
    private readonly TableClient _table;
    private readonly TableClient _editions;
    private readonly Once _ready;

    public ReportIndex(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.TablePrefix + "Reports");
        _editions = service.GetTableClient(options.Value.TablePrefix + "ReportEditions");
        _ready = new Once(async ct =>
        {
            await _table.CreateIfNotExistsAsync(ct);
            await _editions.CreateIfNotExistsAsync(ct);
        });
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _ready.RunAsync(cancellationToken);

    /// <summary>The programme a report id belongs to (its first part).</summary>
    public static string? ProgrammeOf(string id)
    {
        var end = id.IndexOf('_', StringComparison.Ordinal);
        return end > 0 ? id[..end] : null;
    }

    public async Task<ReportEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (ProgrammeOf(id) is not { } programme || id.Length > 200)
        {
            return null;
        }
        await EnsureTableAsync(cancellationToken);
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(programme, id, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<ReportEntry>> ListAsync(string? programme, string? periodKey, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var filters = new List<string>();
        if (programme is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {programme}"));
        }
        if (periodKey is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PeriodKey eq {periodKey}"));
        }
        var list = new List<ReportEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            list.Add(Read(entity));
        }
        return list;
    }

    /// <summary>The reports that were asked for and are not made yet: queued, or left running.</summary>
    public async Task<IReadOnlyList<ReportEntry>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(ReportStatus.Queued)} or Status eq {nameof(ReportStatus.Running)}");
        var list = new List<ReportEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(Read(entity));
        }
        return list;
    }

    public async Task SaveAsync(ReportEntry entry, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var scope = entry.Scope;
        var entity = new TableEntity(scope.Programme, entry.Id)
        {
            ["PeriodKind"] = scope.Period.Kind.ToString(),
            ["PeriodKey"] = scope.Period.Key,
            ["From"] = Date(scope.Period.From),
            ["To"] = Date(scope.Period.To),
            ["Municipality"] = scope.Municipality,
            ["Campaign"] = scope.Campaign,
            ["Language"] = scope.Language.ToString().ToLowerInvariant(),
            ["SplitBrussels"] = scope.SplitBrussels,
            ["Unsuppressed"] = scope.Unsuppressed,
            ["Status"] = entry.Status.ToString(),
            ["Reason"] = entry.Reason,
            ["Entries"] = entry.Entries,
            ["Activities"] = entry.Activities,
            ["BlobName"] = entry.BlobName,
            ["Size"] = entry.Size,
            ["Fingerprint"] = entry.Fingerprint,
            ["CreatedAt"] = entry.CreatedAt,
            ["UpdatedAt"] = entry.UpdatedAt,
            ["CompletedAt"] = entry.CompletedAt,
            ["Provisional"] = entry.Provisional,
            ["Notice"] = entry.Notice,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static ReportEntry Read(TableEntity e)
    {
        var from = DateOnly.ParseExact(e.GetString("From")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(e.GetString("To")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var period = new ReportPeriod(Enum.Parse<PeriodKind>(e.GetString("PeriodKind")!), from, to);
        var scope = new ReportScope(
            e.PartitionKey,
            period,
            e.GetString("Municipality"),
            e.GetString("Campaign"),
            Enum.Parse<ReportLanguage>(e.GetString("Language")!, ignoreCase: true),
            e["SplitBrussels"] is true,
            e["Unsuppressed"] is true);
        var updatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default;
        var completedAt = e.GetDateTimeOffset("CompletedAt");
        return new ReportEntry(
            scope,
            Enum.Parse<ReportStatus>(e.GetString("Status")!),
            e.GetString("Reason"),
            Long(e["Entries"]),
            Long(e["Activities"]),
            e.GetString("BlobName"),
            e["Size"] is null ? null : Long(e["Size"]),
            e.GetString("Fingerprint"),
            e.GetDateTimeOffset("CreatedAt") ?? default,
            updatedAt,
            completedAt,
            // A row written before reports said whether they are provisional: one made before its period closed is.
            e.GetBoolean("Provisional") ?? !period.HasClosed(completedAt ?? updatedAt))
        {
            Notice = e.GetString("Notice"),
        };
    }

    /// <summary>
    /// The editions of a report, oldest first: rows of their own (PartitionKey = the report id, RowKey = the number),
    /// which no write of the report's row replaces. A report made before editions were kept has its one workbook as
    /// its first.
    /// </summary>
    public async Task<IReadOnlyList<ReportEdition>> ListEditionsAsync(ReportEntry report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await EnsureTableAsync(cancellationToken);
        var list = new List<ReportEdition>();
        await foreach (var e in _editions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {report.Id}"), cancellationToken: cancellationToken))
        {
            list.Add(new ReportEdition(
                int.Parse(e.RowKey, CultureInfo.InvariantCulture),
                e.GetString("BlobName")!,
                Long(e["Size"]),
                e.GetString("Fingerprint")!,
                Long(e["Entries"]),
                Long(e["Activities"]),
                e.GetDateTimeOffset("CompletedAt") ?? default,
                e.GetBoolean("Provisional") ?? false));
        }
        if (list.Count == 0 && report is { BlobName: { } blob, Fingerprint: { } fingerprint, CompletedAt: { } completed })
        {
            list.Add(new ReportEdition(1, blob, report.Size ?? 0, fingerprint, report.Entries, report.Activities, completed, report.Provisional));
        }
        return list.OrderBy(e => e.Number).ToList();
    }

    /// <summary>Writes an edition's row (a new one, or the current one made again from the same figures).</summary>
    public async Task SaveEditionAsync(string reportId, ReportEdition edition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edition);
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(reportId, edition.Number.ToString("D6", CultureInfo.InvariantCulture))
        {
            ["BlobName"] = edition.BlobName,
            ["Size"] = edition.Size,
            ["Fingerprint"] = edition.Fingerprint,
            ["Entries"] = edition.Entries,
            ["Activities"] = edition.Activities,
            ["CompletedAt"] = edition.CompletedAt,
            ["Provisional"] = edition.Provisional,
        };
        await _editions.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static long Long(object? value) => value switch
    {
        long l => l,
        int i => i,
        _ => 0,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
