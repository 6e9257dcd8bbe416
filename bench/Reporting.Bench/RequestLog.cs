using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Bench;

/// <summary>One request a storage client sent: enough to tell what it was for.</summary>
internal sealed record SentRequest(string Method, Uri Uri, string? LeaseAction);

/// <summary>
/// The HTTP requests a storage client sends (each try, so a retry counts too). Added to a client's pipeline
/// through its options; the service's code is not changed for it.
/// </summary>
internal sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private ConcurrentQueue<SentRequest> _requests = new();

    /// <summary>The requests sent since the last call (or <see cref="Reset"/>), and a fresh start.</summary>
    public IReadOnlyList<SentRequest> Take() => [.. Interlocked.Exchange(ref _requests, new())];

    public void Reset() => Interlocked.Exchange(ref _requests, new());

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-lease-action", out var leaseAction);
        Volatile.Read(ref _requests).Enqueue(new SentRequest(request.Method.Method, request.Uri.ToUri(), leaseAction));
    }
}
