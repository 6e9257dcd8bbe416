using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Reporting.Storage;

public enum TableUpdateMode
{
    /// <summary>Adds and changes the given properties, keeps the others.</summary>
    Merge,

    /// <summary>Replaces the whole entity.</summary>
    Replace,
}

/// <summary>One page of a query: its entities (an empty page may still be followed by more).</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities);

/// <summary>Operations on one table. Thread-safe; cheap to create.</summary>
public sealed class TableClient
{
    public const int MaxPageSize = 1000;

    private static readonly RequestMethod Merge = new("MERGE");
    private readonly TableServiceClient _service;

    internal TableClient(TableServiceClient service, string name)
    {
        _service = service;
        Name = name;
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        using var message = _service.CreateMessage(RequestMethod.Post, "Tables", body);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        try
        {
            await _service.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // TableAlreadyExists: what we wanted.
        }
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, $"Tables('{Escape(Name)}')");
        try
        {
            await _service.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>Inserts a new entity. An existing one with the same keys fails with status 409.</summary>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Post, Escape(Name), TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        var response = await _service.SendAsync(message, cancellationToken);
        return entity.ETag = ETagOf(response);
    }

    /// <summary>Inserts, or merges into / replaces an existing entity whatever its ETag.</summary>
    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <summary>Changes an existing entity if its ETag still is <paramref name="ifMatch"/>: 412 when it changed, 404 when it is gone.</summary>
    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, mode, ifMatch, cancellationToken);

    private async Task<ETag> WriteAsync(TableEntity entity, TableUpdateMode mode, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var method = mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put;
        using var message = _service.CreateMessage(method, EntityPath(entity.PartitionKey, entity.RowKey), TableEntityJson.Serialize(entity));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", etag.ToString());
        }
        var response = await _service.SendAsync(message, cancellationToken);
        return entity.ETag = ETagOf(response);
    }

    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        await _service.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// Deletes an entity if it is there and, with <paramref name="ifMatch"/>, still that version; an entity that is
    /// gone or has changed stays as it is. Whether it deleted.
    /// </summary>
    public async Task<bool> DeleteEntityIfExistsAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Reads one entity by its keys; null when there is none.</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        try
        {
            var response = await _service.SendAsync(message, cancellationToken);
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            return TableEntityJson.Read(doc.RootElement, response.Headers.ETag?.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every entity that matches the filter, page after page, following the service's continuation.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, IReadOnlyList<string>? select = null, int pageSize = MaxPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(filter, select, pageSize, cancellationToken))
        {
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }
        }
    }

    public async IAsyncEnumerable<TablePage> QueryPagesAsync(string? filter = null, IReadOnlyList<string>? select = null, int pageSize = MaxPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var query = new List<string> { "$top=" + pageSize };
        if (!string.IsNullOrEmpty(filter))
        {
            query.Add("$filter=" + Uri.EscapeDataString(filter));
        }
        if (select is { Count: > 0 })
        {
            query.Add("$select=" + Uri.EscapeDataString(string.Join(',', select)));
        }
        string? nextPartition = null;
        string? nextRow = null;
        do
        {
            var parts = new List<string>(query);
            if (nextPartition is not null)
            {
                parts.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
            }
            if (nextRow is not null)
            {
                parts.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
            using var message = _service.CreateMessage(RequestMethod.Get, Escape(Name) + "()?" + string.Join('&', parts));
            var response = await _service.SendAsync(message, cancellationToken);
            response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out nextPartition);
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out nextRow);
            var entities = new List<TableEntity>();
            using (var doc = JsonDocument.Parse(response.Content.ToMemory()))
            {
                foreach (var item in doc.RootElement.GetProperty("value").EnumerateArray())
                {
                    entities.Add(TableEntityJson.Read(item));
                }
            }
            yield return new TablePage(entities);
        }
        while (nextPartition is not null);
    }

    /// <summary>
    /// Applies up to 100 operations on entities of one partition atomically (an entity group transaction):
    /// either all are applied or none. Returns the new ETag of each written entity, in order.
    /// </summary>
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var body = TableTransaction.BuildBody(_service.Endpoint, Name, actions, out var contentType);
        using var message = _service.CreateMessage(RequestMethod.Post, "$batch", body, contentType);
        var response = await _service.SendAsync(message, cancellationToken);
        var etags = TableTransaction.ReadResponse(response, actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            if (etags[i] is { } etag)
            {
                actions[i].Entity.ETag = etag;
            }
        }
        return etags;
    }

    private string EntityPath(string partitionKey, string rowKey) => EntityPath(Name, partitionKey, rowKey);

    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{Escape(table)}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    internal static string Escape(string value) => Uri.EscapeDataString(value.Replace("'", "''", StringComparison.Ordinal));

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? throw new RequestFailedException(response.Status, "Storage answered a write without an ETag.");
}
