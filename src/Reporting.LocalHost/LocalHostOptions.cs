namespace Reporting.LocalHost;

/// <summary>Settings of the local host only (section <c>LocalHost</c>); the Functions host has its own.</summary>
internal sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Run the timer functions on their schedules (off in tests, which invoke them through the admin route).</summary>
    public bool RunTimers { get; set; } = true;

    /// <summary>Drain the queues (off: requests wait in the queue for another process, as when an instance stops).</summary>
    public bool RunQueues { get; set; } = true;

    /// <summary>How long a message being processed stays invisible; renewed at half of it while its function runs.</summary>
    public TimeSpan QueueLease { get; set; } = TimeSpan.FromMinutes(1);
}
