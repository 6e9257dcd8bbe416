using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Bench;

/// <summary>
/// Counts the HTTP requests a storage client sends (each try, so a retry counts too). Added to a client's
/// pipeline through its options; the service's code is not changed for it.
/// </summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
