namespace Reporting.Access;

internal enum Role
{
    /// <summary>Posts and corrects their own records of their own programmes; reads reference data.</summary>
    FieldWorker,

    /// <summary>Everything within their programmes: all records, corrections, erasure, reports (also unsuppressed).</summary>
    Coordinator,

    /// <summary>Lists and downloads the (suppressed) reports of the programmes they fund; nothing else.</summary>
    Funder,
}

/// <summary>
/// Who is calling: a role, the programmes they may act on, a field worker's own worker code, and a pseudonymous
/// id for the audit trail (the API key's name or the platform's user id, never a secret).
/// </summary>
internal sealed record Caller(string Id, Role Role, IReadOnlySet<string> Programmes, string? WorkerCode)
{
    public bool MayActOn(string programme) => Programmes.Contains(programme);

    /// <summary>A field worker may only touch records that carry their own worker code.</summary>
    public bool IsOwnWork(IEnumerable<string> workerCodes) =>
        Role != Role.FieldWorker || (WorkerCode is not null && workerCodes.Contains(WorkerCode, StringComparer.OrdinalIgnoreCase));
}
