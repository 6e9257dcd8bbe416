using Azure.Data.Tables;

namespace Reporting.Storage;

/// <summary>Whether storage answers: what the health check asks.</summary>
public sealed class StorageProbe(TableServiceClient tables)
{
    /// <summary>Asks the Table service for one table name: proves the account answers and accepts the service's credentials.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return;
        }
    }
}
