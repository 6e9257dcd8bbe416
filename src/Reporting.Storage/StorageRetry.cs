using Azure.Core;

namespace Reporting.Storage;

/// <summary>The retry policy both storage clients use: a few quick retries with exponential backoff.</summary>
internal static class StorageRetry
{
    public static void Apply(RetryOptions retry, TimeSpan networkTimeout)
    {
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(5);
        retry.NetworkTimeout = networkTimeout;
    }
}
