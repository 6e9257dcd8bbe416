using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Reporting.Storage;

/// <summary>
/// An exclusive lock across processes: a lease on a small blob, renewed while it is held. A holder that dies
/// stops renewing, so its lock lapses within <see cref="Duration"/> and the next one can take it.
/// </summary>
public sealed class ReportLock : IAsyncDisposable
{
    /// <summary>The lease length: the shortest the Blob service allows, so a dead holder's lock lapses soon.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private int _released;

    private ReportLock(BlobLeaseClient lease)
    {
        _lease = lease;
        _renewing = RenewAsync(_stop.Token);
    }

    /// <summary>Takes the lock, or answers null when someone holds it.</summary>
    internal static async Task<ReportLock?> TryAcquireAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var lease = blob.GetBlobLeaseClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(Duration, cancellationToken: cancellationToken);
                return new ReportLock(lease);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
            {
                return null;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound && attempt == 0)
            {
                // The lock's first use: its blob is made once (unless another process just made it), then leased.
                try
                {
                    await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
                }
                catch (RequestFailedException made) when (made.Status is 409 or 412)
                {
                    // Made (and perhaps leased) by another process meanwhile: the lease says who holds it.
                }
            }
        }
    }

    /// <summary>
    /// Takes the lock, waiting while someone holds it (a live holder renews it; a dead one's lapses within
    /// <see cref="Duration"/>); null when it is still held after <paramref name="patience"/>.
    /// </summary>
    internal static async Task<ReportLock?> AcquireAsync(BlobClient blob, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken)
    {
        var giveUp = time.GetTimestamp() + (long)(patience.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            if (await TryAcquireAsync(blob, cancellationToken) is { } taken)
            {
                return taken;
            }
            if (time.GetTimestamp() > giveUp)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Duration / 3, cancellationToken);
                await _lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
        catch (RequestFailedException)
        {
            // Lost the lease (storage unreachable too long): the work goes on; a second runner may start, and
            // both write the same deterministic result.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Expired or unreachable: it lapses by itself.
        }
    }
}
