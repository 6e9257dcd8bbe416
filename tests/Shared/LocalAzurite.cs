using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reporting.Local;

// Compiled into both the tests and the benchmark (linked in their project files): the benchmark must not depend
// on the test project, and both start the repository's Azurite on free ports of this machine.

/// <summary>Ports of 127.0.0.1 for the servers a test or the benchmark starts.</summary>
internal static class LocalPorts
{
    /// <summary>The ports ./run.sh uses (Azurite's defaults and the service's): no test takes them.</summary>
    public static readonly int[] RunScriptPorts = [10000, 10001, 10002, 7071];

    /// <summary>A port nothing listens on now, never one of <see cref="RunScriptPorts"/>.</summary>
    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!RunScriptPorts.Contains(port))
            {
                return port;
            }
        }
    }

    public static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The repository's pinned Azurite: its command line on given ports, and the wait until it listens.</summary>
internal static class LocalAzurite
{
    /// <summary>The emulator's published development account (the same for every Azurite installation).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The connection string of an Azurite listening on the given ports of this machine.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>
    /// <c>node [node options] azurite.js [options] …ports</c> on 127.0.0.1, quiet and without telemetry; the
    /// options choose the storage (<c>--inMemoryPersistence</c>, or a folder) and anything else. No
    /// <c>--skipApiVersionCheck</c>: the service pins the Blob service version Azurite serves (decision 0003).
    /// </summary>
    public static List<string> Arguments(string repository, IEnumerable<string> nodeOptions, IEnumerable<string> options, int blobPort, int queuePort, int tablePort)
    {
        var script = Path.Combine(repository, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script}); ./test.sh and ./bench.sh install it.");
        }
        return
        [
            .. nodeOptions, script, .. options, "--silent", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>Waits until the blob and table services listen (30 s at most); false when the process ended or time ran out.</summary>
    public static async Task<bool> WaitUntilListeningAsync(Process process, int blobPort, int tablePort)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await LocalPorts.IsListeningAsync(tablePort) || !await LocalPorts.IsListeningAsync(blobPort))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
