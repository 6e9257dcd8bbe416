using Azure;

namespace Reporting.Storage;

/// <summary>
/// An exclusive lock across processes: a lease on a small blob, renewed while it is held. A holder that dies
/// stops renewing, so its lock lapses within <see cref="Duration"/> and the next one can take it.
/// </summary>
public sealed class BlobLock : IAsyncDisposable
{
    /// <summary>The lease length: the shortest the Blob service allows, so a dead holder's lock lapses soon.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private readonly BlobContainerClient _container;
    private readonly string _name;
    private readonly string _leaseId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private BlobLock(BlobContainerClient container, string name, string leaseId)
    {
        _container = container;
        _name = name;
        _leaseId = leaseId;
        _renewing = RenewAsync(_stop.Token);
    }

    /// <summary>Takes the lock, or answers null when someone holds it.</summary>
    public static async Task<BlobLock?> TryAcquireAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        string? lease;
        try
        {
            lease = await container.TryAcquireLeaseAsync(name, Duration, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "BlobNotFound")
        {
            // The lock's first use: its blob is made once, then leased.
            try
            {
                using var empty = new MemoryStream();
                await container.UploadAsync(name, empty, "application/octet-stream", cancellationToken: cancellationToken);
            }
            catch (RequestFailedException created) when (created.Status == 412)
            {
                // Created and leased by another process meanwhile: the lease attempt below says who holds it.
            }
            lease = await container.TryAcquireLeaseAsync(name, Duration, cancellationToken);
        }
        return lease is null ? null : new BlobLock(container, name, lease);
    }

    /// <summary>
    /// Takes the lock, waiting while someone holds it (a live holder renews it; a dead one's lapses within
    /// <see cref="Duration"/>); null when it is still held after <paramref name="patience"/>.
    /// </summary>
    public static async Task<BlobLock?> AcquireAsync(BlobContainerClient container, string name, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var giveUp = time.GetTimestamp() + (long)(patience.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            if (await TryAcquireAsync(container, name, cancellationToken) is { } taken)
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

    /// <summary>Whether a live holder has the lock now (taking and at once releasing it when free).</summary>
    public static async Task<bool> IsHeldAsync(BlobContainerClient container, string name, CancellationToken cancellationToken = default)
    {
        await using var probe = await TryAcquireAsync(container, name, cancellationToken);
        return probe is null;
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Duration / 3, cancellationToken);
                await _container.RenewLeaseAsync(_name, _leaseId, cancellationToken);
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
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        try
        {
            await _container.ReleaseLeaseAsync(_name, _leaseId, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Expired or unreachable: it lapses by itself.
        }
    }
}
