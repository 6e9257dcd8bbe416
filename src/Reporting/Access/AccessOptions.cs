namespace Reporting.Access;

/// <summary>One API key: only the SHA-256 hash of the key is configured, never the key itself.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>A name for logs and the audit trail (for instance "bar-coordinator-1"); not personal data.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the key, as hex (<c>Reporting --hash-key KEY</c> prints it).</summary>
    public string KeySha256 { get; set; } = "";

    public Role Role { get; set; }

    public IList<string> Programmes { get; } = [];

    /// <summary>A field worker's own worker code (BAR-07).</summary>
    public string? WorkerCode { get; set; }
}

internal sealed class AccessOptions
{
    public const string Section = "Access";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ClientPrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    public IList<ApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>
    /// Trust the App Service authentication's client-principal header. Only where the platform sets it (and
    /// strips it from outside requests): deployed behind App Service authentication, never standalone.
    /// </summary>
    public bool TrustClientPrincipal { get; set; }

    /// <summary>Requests one key (or one anonymous address) may make per minute before it gets 429.</summary>
    public int RequestsPerMinute { get; set; } = 600;
}
