using System.ComponentModel.DataAnnotations;

namespace Reporting.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for the local emulator.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Put before every table name, so that several instances (or test runs) can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,30}$|^$")]
    public string TablePrefix { get; set; } = "";
}
