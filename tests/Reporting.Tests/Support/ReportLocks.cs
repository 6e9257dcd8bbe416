using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Reporting.Storage;

namespace Reporting.Tests.Support;

/// <summary>
/// A report's lock as another process holds it: the lease on its blob in the workbooks' container, taken straight
/// through the Blob SDK; a report run holds it for as long as it runs.
/// </summary>
public sealed class ReportLocks(string connectionString, string tablePrefix)
{
    private readonly BlobContainerClient _container = new BlobServiceClient(connectionString, new BlobClientOptions(StorageRegistration.BlobServiceVersion))
        .GetBlobContainerClient(tablePrefix.ToLowerInvariant() + new StorageOptions().WorkbookContainer);

    /// <summary>Takes the report's lock for 15 seconds; null when someone holds it.</summary>
    public async Task<BlobLeaseClient?> TryTakeAsync(string reportId)
    {
        await _container.CreateIfNotExistsAsync();
        var blob = _container.GetBlobClient(WorkbookStore.LockBlob(reportId));
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // There already: what a first run made.
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(TimeSpan.FromSeconds(15));
            return lease;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Whether a live holder has the report's lock now (taking and at once releasing it when free).</summary>
    public async Task<bool> IsHeldAsync(string reportId)
    {
        var lease = await TryTakeAsync(reportId);
        if (lease is null)
        {
            return true;
        }
        await lease.ReleaseAsync();
        return false;
    }
}
