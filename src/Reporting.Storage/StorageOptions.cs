using System.ComponentModel.DataAnnotations;

namespace Reporting.Storage;

/// <summary>How the service proves who it is to storage when it uses Entra ID rather than a key.</summary>
public enum StorageCredential
{
    /// <summary>The app's managed identity (in Azure): system-assigned, or user-assigned with <see cref="StorageOptions.ManagedIdentityClientId"/>.</summary>
    ManagedIdentity,

    /// <summary>A developer's own sign-in on their machine (Azure CLI, Azure Developer CLI, Visual Studio, …).</summary>
    Developer,
}

/// <summary>
/// Where the records and reports are stored, and how the service proves who it is: with the account key of a
/// connection string, or, when <see cref="AccountName"/> or the endpoints are set, with Entra ID tokens (then no
/// key is needed and the connection string is not used).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for the local emulator.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The account to reach with Entra ID tokens, in the public Azure cloud (its endpoints follow from the name).</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? AccountName { get; set; }

    /// <summary>The Table service endpoint to reach with Entra ID tokens (another cloud, a private endpoint); with <see cref="BlobEndpoint"/>.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>The Blob service endpoint to reach with Entra ID tokens; with <see cref="TableEndpoint"/>.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>The Queue service endpoint (of the report requests) to reach with Entra ID tokens; with <see cref="TableEndpoint"/>.</summary>
    public Uri? QueueEndpoint { get; set; }

    /// <summary>Whose tokens: the managed identity (the default, in Azure) or a developer's sign-in (locally).</summary>
    public StorageCredential Credential { get; set; } = StorageCredential.ManagedIdentity;

    /// <summary>The client id of a user-assigned managed identity; unset, the app's system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Put before every table name (and, lowercased, every container name), so that several instances or test runs can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,30}$|^$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>The blob container of the workbooks (the table prefix, lowercased, goes before it).</summary>
    [RegularExpression("^[a-z0-9](-?[a-z0-9])+$")]
    public string WorkbookContainer { get; set; } = "reports";

    /// <summary>
    /// The most entities one page of a report's read holds (the Table service sends at most 1,000). Fewer hold
    /// less memory and take more requests.
    /// </summary>
    [Range(1, 1000)]
    public int ReadPageSize { get; set; } = 1000;

    /// <summary>Whether the service authenticates with Entra ID tokens rather than the connection string's key.</summary>
    public bool UsesEntraId => !string.IsNullOrEmpty(AccountName) || TableEndpoint is not null || BlobEndpoint is not null || QueueEndpoint is not null;

    /// <summary>The Table, Blob and Queue endpoints when <see cref="UsesEntraId"/>.</summary>
    public (Uri Table, Uri Blob, Uri Queue) Endpoints() => string.IsNullOrEmpty(AccountName)
        ? (TableEndpoint!, BlobEndpoint!, QueueEndpoint!)
        : (new Uri($"https://{AccountName}.table.core.windows.net"), new Uri($"https://{AccountName}.blob.core.windows.net"),
            new Uri($"https://{AccountName}.queue.core.windows.net"));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((TableEndpoint is null) != (BlobEndpoint is null) || (TableEndpoint is null) != (QueueEndpoint is null))
        {
            yield return new ValidationResult("Set the Table, the Blob and the Queue endpoint, or none of them.",
                [nameof(TableEndpoint), nameof(BlobEndpoint), nameof(QueueEndpoint)]);
        }
        if (!string.IsNullOrEmpty(AccountName) && TableEndpoint is not null)
        {
            yield return new ValidationResult("Set the account name or the endpoints, not both.", [nameof(AccountName), nameof(TableEndpoint)]);
        }
        foreach (var (name, endpoint) in new[] { (nameof(TableEndpoint), TableEndpoint), (nameof(BlobEndpoint), BlobEndpoint), (nameof(QueueEndpoint), QueueEndpoint) })
        {
            if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult("Entra ID tokens are only sent over HTTPS: the endpoint must be an https:// address.", [name]);
            }
        }
    }
}
