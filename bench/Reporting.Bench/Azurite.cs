using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.Bench;

/// <summary>
/// The repository's pinned Azurite, in memory, on free ports of 127.0.0.1, as the tests start it; stopped by its PID.
/// </summary>
internal sealed partial class Azurite : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private readonly string _logPath;

    private Azurite(RunningProcess process, int blobPort, int queuePort, int tablePort, string logPath)
    {
        _process = process;
        _logPath = logPath;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => LocalAzurite.ConnectionString(BlobPort, QueuePort, TablePort);

    public static async Task<Azurite> StartAsync(string repository, string logPath)
    {
        var blobPort = LocalPorts.Free();
        var queuePort = LocalPorts.Free();
        var tablePort = LocalPorts.Free();
        // A larger heap than node's default: the run keeps a few hundred thousand entities in memory. Node's own
        // default garbage collector otherwise; its pauses are traced into the log, for the tail latencies.
        var process = RunningProcess.Start("node",
            LocalAzurite.Arguments(repository, ["--max-old-space-size=8192", "--trace-gc"], ["--inMemoryPersistence"], blobPort, queuePort, tablePort),
            logPath: logPath);
        var azurite = new Azurite(process, blobPort, queuePort, tablePort, logPath);
        if (!await LocalAzurite.WaitUntilListeningAsync(process.Process, blobPort, tablePort))
        {
            await azurite.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start; see {logPath}.");
        }
        return azurite;
    }

    /// <summary>How far the log has been written: a mark for <see cref="GcPausesSince"/>.</summary>
    public long LogMark() => new FileInfo(_logPath).Length;

    /// <summary>The garbage collector's pauses (ms) that node traced into the log after <paramref name="mark"/>.</summary>
    public IReadOnlyList<double> GcPausesSince(long mark)
    {
        using var log = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(mark, SeekOrigin.Begin);
        var text = new StreamReader(log).ReadToEnd();
        // e.g. "[25267:0x20e0fd10]    33588 ms: Scavenge 782.6 (860.0) -> 774.0 (860.0) MB, 4.43 / 0.02 ms  (average mu ..."
        return [.. GcLine().Matches(text).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@" ms: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep)[^\n]*? MB, ([0-9.]+) / ")]
    private static partial Regex GcLine();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
