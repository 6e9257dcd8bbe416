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

    /// <summary>
    /// How long a correction that moves a record to another month may take before a repair takes it for
    /// abandoned by a process that died, and completes or undoes it (see docs/decisions/0002-partition-keys.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MoveAbandonedAfter { get; set; } = TimeSpan.FromMinutes(1);
}
