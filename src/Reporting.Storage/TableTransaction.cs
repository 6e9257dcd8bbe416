using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;

namespace Reporting.Storage;

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag IfMatch = default);

/// <summary>An entity group transaction that the service refused as a whole; nothing of it was applied.</summary>
public sealed class TableTransactionFailedException(int status, string? errorCode, string message, int? failedIndex)
    : RequestFailedException(status, message, errorCode, null)
{
    /// <summary>The position of the operation that failed, when the service says it.</summary>
    public int? FailedIndex { get; } = failedIndex;
}

/// <summary>The OData multipart format of entity group transactions.</summary>
internal static partial class TableTransaction
{
    public const int MaxActions = 100;

    public static byte[] BuildBody(string endpoint, string table, IReadOnlyList<TableTransactionAction> actions, out string contentType)
    {
        ArgumentOutOfRangeException.ThrowIfZero(actions.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actions.Count, MaxActions);
        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
        {
            throw new ArgumentException("All entities of a transaction must share one partition key.", nameof(actions));
        }
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        using var body = new MemoryStream(actions.Count * 1024);
        using var json = new System.Text.Json.Utf8JsonWriter(body);
        void Text(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Text($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        foreach (var action in actions)
        {
            var (method, path, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", TableClient.Escape(table), true),
                TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpdateMerge => ("MERGE", TableClient.EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), true),
                TableTransactionActionType.UpsertReplace or TableTransactionActionType.UpdateReplace => ("PUT", TableClient.EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), true),
                TableTransactionActionType.Delete => ("DELETE", TableClient.EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions)),
            };
            var ifMatch = action.ActionType switch
            {
                TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete =>
                    action.IfMatch == default ? "*" : action.IfMatch.ToString(),
                _ => null,
            };
            Text($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                $"{method} {endpoint}/{path} HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n" +
                (ifMatch is null ? "" : $"If-Match: {ifMatch}\r\n") +
                (hasBody ? "Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n" : "\r\n"));
            if (hasBody)
            {
                json.Reset(body);
                TableEntityJson.Write(json, action.Entity);
                json.Flush();
                Text("\r\n");
            }
        }
        Text($"--{changeset}--\r\n--{batch}--\r\n");
        contentType = "multipart/mixed; boundary=" + batch;
        return body.ToArray();
    }

    /// <summary>
    /// Reads the multipart answer: one status line per operation when all succeeded (with each new ETag), or a
    /// single failed status with the index of the operation at fault in its message ("3:The specified entity…").
    /// </summary>
    public static IReadOnlyList<ETag?> ReadResponse(Response response, int count)
    {
        var text = response.Content.ToString();
        var statuses = StatusLine().Matches(text);
        foreach (Match status in statuses)
        {
            var code = int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture);
            if (code >= 400)
            {
                var json = text.IndexOf('{', status.Index);
                var end = text.LastIndexOf('}');
                var (errorCode, message) = json >= 0 && end > json
                    ? StorageErrors.Parse(Encoding.UTF8.GetBytes(text[json..(end + 1)]))
                    : (null, null);
                int? index = null;
                var indexMatch = message is null ? null : FailedIndex().Match(message);
                if (indexMatch is { Success: true })
                {
                    index = int.Parse(indexMatch.Groups[1].Value, CultureInfo.InvariantCulture);
                }
                throw StorageErrors.Noted(new TableTransactionFailedException(code, errorCode, $"The transaction was refused ({code} {errorCode}): {message}", index));
            }
        }
        if (statuses.Count != count)
        {
            throw new RequestFailedException(response.Status, $"The transaction answer holds {statuses.Count} results for {count} operations.");
        }
        var etags = new List<ETag?>(count);
        foreach (Match status in statuses)
        {
            var next = text.IndexOf("HTTP/1.1 ", status.Index + status.Length, StringComparison.Ordinal);
            var section = next < 0 ? text[status.Index..] : text[status.Index..next];
            var etag = ETagHeader().Match(section);
            etags.Add(etag.Success ? new ETag(etag.Groups[1].Value.Trim()) : null);
        }
        return etags;
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):", RegexOptions.Multiline)]
    private static partial Regex FailedIndex();

    [GeneratedRegex(@"(?im)^ETag:\s*(.+?)\r?$")]
    private static partial Regex ETagHeader();
}
