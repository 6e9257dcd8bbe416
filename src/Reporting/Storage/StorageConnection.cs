namespace Reporting.Storage;

/// <summary>
/// An Azure Storage account as a connection string describes it: its name, its key and the endpoints of its
/// services. Understands <c>UseDevelopmentStorage=true</c> (the local emulator) and the usual
/// <c>AccountName=…;AccountKey=…</c> form with an endpoint suffix or explicit endpoints.
/// </summary>
public sealed record StorageConnection(string AccountName, byte[] AccountKey, Uri TableEndpoint, Uri BlobEndpoint)
{
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
