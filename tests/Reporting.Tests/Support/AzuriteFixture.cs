using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reporting.Storage;

namespace Reporting.Tests.Support;

/// <summary>
/// A real Azurite (from the repository's pinned npm package), in memory, on free ports of 127.0.0.1; started
/// once for the tests that share it and stopped by its PID afterwards.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;

    public int BlobPort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString => StorageConnection.ForEmulator(BlobPort, TablePort);

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script}); run ./test.sh, which installs it.");
        }
        BlobPort = FreePort();
        var queuePort = FreePort();
        TablePort = FreePort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync(TablePort) || !await IsListeningAsync(BlobPort))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
            }
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // Azurite ignores SIGTERM for a while: stop it by its PID at once.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A table name prefix no other test uses, so tests sharing the emulator never see each other's rows.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListeningAsync(int port)
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

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
