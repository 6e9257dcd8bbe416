using System.Globalization;

namespace Reporting.Storage;

public enum AuditAction
{
    Corrected,
    Erased,
}

/// <summary>One line of the audit trail: who did what to which record id, when, and why. Never the record's content.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Caller, AuditAction Action, string Kind, string RecordId, string Programme, string? Reason);

/// <summary>
/// The audit trail of corrections and erasures: a table partitioned by programme, newest first (the row key
/// starts with the inverted time).
/// </summary>
public sealed class AuditLog
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly Once _ready;

    public AuditLog(TableServiceClient service, StorageOptions options, TimeProvider time)
    {
        _table = service.GetTableClient(options.TablePrefix + "Audit");
        _ready = new Once(_table.CreateIfNotExistsAsync);
        _time = time;
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _ready.RunAsync(cancellationToken);

    public async Task RecordAsync(string caller, AuditAction action, string kind, string recordId, string programme, string? reason, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var at = _time.GetUtcNow();
        var rowKey = (DateTimeOffset.MaxValue.Ticks - at.Ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await _table.AddEntityAsync(new TableEntity(programme, rowKey)
        {
            ["At"] = at,
            ["Caller"] = caller,
            ["Action"] = action.ToString(),
            ["Kind"] = kind,
            ["RecordId"] = recordId,
            ["Reason"] = reason,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string programme, int max, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var list = new List<AuditEntry>();
        await foreach (var e in _table.QueryAsync(TableFilter.Create($"PartitionKey eq {programme}"), pageSize: Math.Min(max, TableClient.MaxPageSize), cancellationToken: cancellationToken))
        {
            list.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("Caller") ?? "", Enum.Parse<AuditAction>(e.GetString("Action")!),
                e.GetString("Kind") ?? "", e.GetString("RecordId") ?? "", programme, e.GetString("Reason")));
            if (list.Count >= max)
            {
                break;
            }
        }
        return list;
    }
}
