using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Reporting.Access;

/// <summary>
/// Finds the caller of a request: an API key in <c>X-Api-Key</c> (hashed, compared in constant time with every
/// configured hash), or, deployed behind App Service authentication, the platform's client principal with its
/// app roles (<c>Coordinator.BAR</c>, <c>Funder.CHW</c>, <c>FieldWorker.BAR</c>) and a <c>workerCode</c> claim.
/// </summary>
internal sealed class CallerResolver
{
    private readonly List<(byte[] Hash, Caller Caller)> _keys;
    private readonly bool _trustPrincipal;

    public CallerResolver(IOptions<AccessOptions> options)
    {
        _trustPrincipal = options.Value.TrustClientPrincipal;
        _keys = options.Value.ApiKeys.Select(k => (
            Convert.FromHexString(k.KeySha256),
            new Caller("key:" + k.Name, k.Role, k.Programmes.ToHashSet(StringComparer.Ordinal), k.WorkerCode))).ToList();
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public Caller? Resolve(HttpRequest request)
    {
        var key = request.Headers[AccessOptions.ApiKeyHeader].ToString();
        if (key.Length > 0)
        {
            return ByKey(key);
        }
        if (_trustPrincipal && request.Headers[AccessOptions.ClientPrincipalHeader].ToString() is { Length: > 0 } principal)
        {
            return ByPrincipal(principal);
        }
        return null;
    }

    private Caller? ByKey(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        Caller? found = null;
        // Every configured hash is compared, in constant time, whatever matched: timing says nothing about keys.
        foreach (var (expected, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                found = caller;
            }
        }
        return found;
    }

    /// <summary>The App Service client principal: base64 JSON with claims; app roles name a role and a programme.</summary>
    private static Caller? ByPrincipal(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(header));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
            var claims = root.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? ""))
                .ToList();
            var grants = claims.Where(c => c.Type == roleType || c.Type == "roles")
                .Select(c => Grant(c.Value))
                .Where(g => g.HasValue)
                .Select(g => g!.Value)
                .ToList();
            if (grants.Count == 0)
            {
                return null;
            }
            // The strongest role the principal holds; its programmes are those granted with that role.
            var role = grants.Select(g => g.Role).OrderBy(r => r switch { Role.Coordinator => 0, Role.FieldWorker => 1, _ => 2 }).First();
            var id = claims.FirstOrDefault(c => c.Type is "http://schemas.microsoft.com/identity/claims/objectidentifier" or "oid").Value;
            var worker = claims.FirstOrDefault(c => c.Type == "workerCode").Value;
            return new Caller(
                "principal:" + (string.IsNullOrEmpty(id) ? "unknown" : id),
                role,
                grants.Where(g => g.Role == role).Select(g => g.Programme).ToHashSet(StringComparer.Ordinal),
                string.IsNullOrEmpty(worker) ? null : worker);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An App Service role named <c>Role.Programme</c> (<c>Coordinator.BAR</c>); null for any other name.</summary>
    private static (Role Role, string Programme)? Grant(string value)
    {
        var parts = value.Split('.', 2);
        return parts.Length == 2 && Enum.TryParse<Role>(parts[0], ignoreCase: false, out var role) ? (role, parts[1]) : null;
    }
}
