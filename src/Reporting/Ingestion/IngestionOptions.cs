using System.ComponentModel.DataAnnotations;

namespace Reporting.Ingestion;

internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>The largest body a single-record post or correction may have.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>The largest body a batch may have.</summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most records one batch may hold.</summary>
    [Range(1, 500)]
    public int MaxBatchRecords { get; set; } = 500;
}
