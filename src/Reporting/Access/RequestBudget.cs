using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Reporting.Access;

/// <summary>
/// A request budget per caller, refilled every minute: per API key or principal, and per unknown key (by its hash)
/// for keys that match none. Never per client address: behind the Functions host every request comes from the
/// same one, and one client's bad keys must not lock everyone out. Calls without any credential (the health
/// check) have no budget here: they do no work for anyone in particular.
/// </summary>
internal sealed class RequestBudget(IOptions<AccessOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.RequestsPerMinute,
            TokensPerPeriod = options.Value.RequestsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whose budget a request spends: the caller's, an unknown key's, or none (no credential at all).</summary>
    public static string? KeyOf(Caller? caller, HttpRequest request)
    {
        if (caller is not null)
        {
            return caller.Id;
        }
        var key = request.Headers[AccessOptions.ApiKeyHeader].ToString();
        return key.Length > 0 ? "unknown-key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16] : null;
    }

    /// <summary>Spends one request of the key's budget; null when it had one left, else how long until it has.</summary>
    public TimeSpan? Spend(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
