using System.Globalization;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>
/// The repository's pinned Azurite, in memory, on free ports of 127.0.0.1, as the tests start it; stopped by its PID.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private Azurite(RunningProcess process, int blobPort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int TablePort { get; }

    public string ConnectionString => StorageConnection.ForEmulator(BlobPort, TablePort);

    public static async Task<Azurite> StartAsync(string repository, string logPath)
    {
        var script = Path.Combine(repository, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script}); ./bench.sh installs it.");
        }
        var blobPort = RunningProcess.FreePort();
        var queuePort = RunningProcess.FreePort();
        var tablePort = RunningProcess.FreePort();
        // A larger heap than node's default: the run keeps a few hundred thousand entities in memory.
        var process = RunningProcess.Start("node",
        [
            "--max-old-space-size=8192", script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        ], logPath: logPath);
        var azurite = new Azurite(process, blobPort, tablePort);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await RunningProcess.IsListeningAsync(tablePort) || !await RunningProcess.IsListeningAsync(blobPort))
        {
            if (process.Process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start; see {logPath}.");
            }
            await Task.Delay(100);
        }
        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
