using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Reporting.Disclosure;

namespace Reporting.Storage;

/// <summary>The body of a stored workbook, read from the network as it is consumed. Dispose it to give the connection back.</summary>
public sealed record WorkbookDownload(Stream Content, long Length, string? ContentType) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// The workbooks, as block blobs in one container (the table prefix, lowercased, before its name). A workbook is
/// uploaded whole in one request, so a reader sees the previous one or the new one, never a part.
/// </summary>
public sealed class WorkbookStore
{
    private readonly Once _ready;

    public WorkbookStore(BlobServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Container = service.GetBlobContainerClient(options.Value.TablePrefix.ToLowerInvariant() + options.Value.WorkbookContainer);
        _ready = new Once(ct => Container.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    internal BlobContainerClient Container { get; }

    public Task EnsureContainerAsync(CancellationToken cancellationToken = default) => _ready.RunAsync(cancellationToken);

    /// <summary>Stores a workbook from the stream's position to its end, replacing one of the same name at once.</summary>
    public async Task UploadAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        await Container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            // One request for anything a workbook can weigh: never a half-committed list of blocks.
            TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = 256 * 1024 * 1024, MaximumTransferSize = 256 * 1024 * 1024 },
        }, cancellationToken);
    }

    /// <summary>A stored workbook, streamed; null when there is none.</summary>
    public async Task<WorkbookDownload?> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var download = await Container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new WorkbookDownload(download.Value.Content, download.Value.Details.ContentLength, download.Value.Details.ContentType);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    /// <summary>Keeps what a funder's workbook published beside it (see <see cref="PublishedCellsJson"/>).</summary>
    public async Task SaveCellsAsync(string workbookName, PublishedCells cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        await EnsureContainerAsync(cancellationToken);
        await Container.GetBlobClient(CellsBlob(workbookName)).UploadAsync(new BinaryData(PublishedCellsJson.Write(cells)), overwrite: true, cancellationToken);
    }

    /// <summary>What a funder's workbook published; null when nothing was kept (a workbook made before this was kept).</summary>
    public async Task<PublishedCells?> LoadCellsAsync(string workbookName, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var download = await Container.GetBlobClient(CellsBlob(workbookName)).DownloadContentAsync(cancellationToken);
            return PublishedCellsJson.Read(download.Value.Content);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    private static string CellsBlob(string workbookName) => workbookName + ".cells.json";

    /// <summary>
    /// The lock that keeps two runs of one report from overlapping: taken at once, or after waiting while another
    /// run holds it; null when it is still held after <paramref name="patience"/> (see <see cref="ReportLock"/>).
    /// </summary>
    public async Task<ReportLock?> LockAsync(string name, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        return await ReportLock.AcquireAsync(Container.GetBlobClient(LockBlob(name)), patience, time, cancellationToken);
    }

    /// <summary>The lock of <see cref="LockAsync"/> if nobody holds it now; null otherwise.</summary>
    internal async Task<ReportLock?> TryLockAsync(string name, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        return await ReportLock.TryAcquireAsync(Container.GetBlobClient(LockBlob(name)), cancellationToken);
    }

    /// <summary>The blob whose lease is a report's lock: <c>locks/{report id}</c> in the workbooks' container.</summary>
    public static string LockBlob(string name) => "locks/" + name;
}
