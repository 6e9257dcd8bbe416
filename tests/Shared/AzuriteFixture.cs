using System.Diagnostics;

namespace Reporting.Tests.Support;

/// <summary>
/// A real Azurite (from the repository's pinned npm package), in memory, on free ports of 127.0.0.1; started
/// once for the tests that share it and stopped by its PID afterwards.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString => LocalAzurite.ConnectionString(BlobPort, QueuePort, TablePort);

    public async Task InitializeAsync()
    {
        BlobPort = LocalPorts.Free();
        QueuePort = LocalPorts.Free();
        TablePort = LocalPorts.Free();
        _process = await StartAsync(["--inMemoryPersistence"], BlobPort, QueuePort, TablePort);
    }

    /// <summary>
    /// Starts Azurite with the given storage options (in memory, or a folder) on the given ports of 127.0.0.1 and
    /// waits until its blob and table services listen.
    /// </summary>
    internal static async Task<Process> StartAsync(IEnumerable<string> storage, int blobPort, int queuePort, int tablePort)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in LocalAzurite.Arguments(RepositoryRoot.Path, [], storage, blobPort, queuePort, tablePort))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!await LocalAzurite.WaitUntilListeningAsync(process, blobPort, tablePort))
        {
            var exit = process.HasExited ? process.ExitCode : -1;
            Stop(process);
            process.Dispose();
            throw new InvalidOperationException($"Azurite did not start (exit code {exit}).");
        }
        return process;
    }

    /// <summary>Kills an Azurite by its PID (it ignores SIGTERM for a while) and waits until it is gone.</summary>
    internal static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit(10_000);
    }

    public Task DisposeAsync()
    {
        if (_process is not null)
        {
            Stop(_process);
            _process.Dispose();
        }
        return Task.CompletedTask;
    }

    /// <summary>A table name prefix no other test uses, so tests sharing the emulator never see each other's rows.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
