using System.ComponentModel.DataAnnotations;

namespace Reporting.Storage;

/// <summary>
/// Where the records and reports are stored, and how the service proves who it is: with the account key of a
/// connection string, or, when <see cref="AccountName"/> or the endpoints are set, with Entra ID tokens of the
/// app's managed identity (then no key is needed and the connection string is not used).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for the local emulator.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The account to reach with the managed identity, in the public Azure cloud (its endpoints follow from the name).</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? AccountName { get; set; }

    /// <summary>The Table service endpoint to reach with the managed identity (another cloud, a private endpoint); with <see cref="BlobEndpoint"/>.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>The Blob service endpoint to reach with the managed identity; with <see cref="TableEndpoint"/>.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>The client id of a user-assigned managed identity; unset, the app's system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Whether the service authenticates with Entra ID tokens rather than the connection string's key.</summary>
    public bool UsesEntraId => !string.IsNullOrEmpty(AccountName) || TableEndpoint is not null || BlobEndpoint is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((TableEndpoint is null) != (BlobEndpoint is null))
        {
            yield return new ValidationResult("Set both the Table and the Blob endpoint, or neither.", [nameof(TableEndpoint), nameof(BlobEndpoint)]);
        }
        if (!string.IsNullOrEmpty(AccountName) && TableEndpoint is not null)
        {
            yield return new ValidationResult("Set the account name or the endpoints, not both.", [nameof(AccountName), nameof(TableEndpoint)]);
        }
        foreach (var (name, endpoint) in new[] { (nameof(TableEndpoint), TableEndpoint), (nameof(BlobEndpoint), BlobEndpoint) })
        {
            if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult("Entra ID tokens are only sent over HTTPS: the endpoint must be an https:// address.", [name]);
            }
        }
    }

    /// <summary>The account these options describe; <paramref name="credential"/> is asked for tokens when <see cref="UsesEntraId"/>.</summary>
    public StorageConnection Connect(Func<Azure.Core.TokenCredential> credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!UsesEntraId)
        {
            return StorageConnection.Parse(ConnectionString);
        }
        var (table, blob) = string.IsNullOrEmpty(AccountName) ? (TableEndpoint!, BlobEndpoint!) : StorageConnection.EndpointsOf(AccountName);
        return StorageConnection.WithToken(table, blob, credential());
    }

    /// <summary>Put before every table name, so that several instances (or test runs) can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,30}$|^$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// How long a correction that moves a record to another month may take before a repair takes it for
    /// abandoned by a process that died, and completes or undoes it (see docs/decisions/0002-partition-keys.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MoveAbandonedAfter { get; set; } = TimeSpan.FromMinutes(1);
}
