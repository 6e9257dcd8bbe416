using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>
/// An Azure Storage account: the endpoints of its services and how requests prove who sends them, either the
/// account's key (Shared Key, from a connection string) or Entra ID tokens (<see cref="WithToken"/>). A
/// connection string may be <c>UseDevelopmentStorage=true</c> (the local emulator) or the usual
/// <c>AccountName=…;AccountKey=…</c> form with an endpoint suffix or explicit endpoints.
/// </summary>
public sealed record StorageConnection(string AccountName, byte[]? AccountKey, Uri TableEndpoint, Uri BlobEndpoint, TokenCredential? Credential = null)
{
    /// <summary>The scope of an Entra ID token for Azure Storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    /// <summary>An account reached with Entra ID tokens (for example the app's managed identity) instead of a key.</summary>
    public static StorageConnection WithToken(Uri tableEndpoint, Uri blobEndpoint, TokenCredential credential) =>
        new(AccountNameOf(tableEndpoint), null, tableEndpoint, blobEndpoint, credential);

    /// <summary>An account's endpoints in the public Azure cloud, from its name.</summary>
    public static (Uri Table, Uri Blob) EndpointsOf(string accountName) =>
        (new Uri($"https://{accountName}.table.core.windows.net"), new Uri($"https://{accountName}.blob.core.windows.net"));

    /// <summary>The policy that signs each try of a request: a bearer token, or the Shared Key scheme the service wants.</summary>
    internal HttpPipelinePolicy Authentication(Func<string, byte[], HttpPipelinePolicy> sharedKey) =>
        Credential is { } credential
            ? new BearerTokenAuthenticationPolicy(credential, StorageScope)
            : sharedKey(AccountName, AccountKey ?? throw new InvalidOperationException("The storage connection has neither a key nor a credential."));

    // An emulator's endpoint names the account in its path (http://127.0.0.1:10002/devstoreaccount1); Azure's in its host.
    private static string AccountNameOf(Uri endpoint) =>
        endpoint.Host.Contains('.', StringComparison.Ordinal) && !System.Net.IPAddress.TryParse(endpoint.Host, out _)
            ? endpoint.Host.Split('.')[0]
            : endpoint.AbsolutePath.Trim('/').Split('/')[0];

    /// <summary>The emulator's published development account (the same for every Azurite installation).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? proxy.TrimEnd('/') : "http://127.0.0.1";
            return new StorageConnection(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"{host}:10002/{DevelopmentAccountName}"),
                new Uri($"{host}:10000/{DevelopmentAccountName}"));
        }

        if (!parts.TryGetValue("AccountName", out var account) || !parts.TryGetValue("AccountKey", out var key))
        {
            throw new FormatException("The storage connection string needs AccountName and AccountKey, or UseDevelopmentStorage=true.");
        }
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException("The storage connection string's AccountKey is not base64.");
        }
        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string name, string service) => parts.TryGetValue(name, out var explicitEndpoint)
            ? new Uri(explicitEndpoint.TrimEnd('/'))
            : new Uri($"{protocol}://{account}.{service}.{suffix}");
        return new StorageConnection(account, keyBytes, Endpoint("TableEndpoint", "table"), Endpoint("BlobEndpoint", "blob"));
    }

    /// <summary>The connection string of an emulator listening on the given ports of this machine.</summary>
    public static string ForEmulator(int blobPort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName};";

    public override string ToString() => $"StorageConnection {{ AccountName = {AccountName}, TableEndpoint = {TableEndpoint}, BlobEndpoint = {BlobEndpoint} }}";
}
