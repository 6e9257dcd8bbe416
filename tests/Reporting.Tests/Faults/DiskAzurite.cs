using System.Diagnostics;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Faults;

/// <summary>
/// An Azurite that keeps its data in a folder of its own (not in memory), on free ports of 127.0.0.1, which a test
/// kills hard (SIGKILL, by PID) and starts again on the same ports and folder.
/// </summary>
/// <remarks>
/// Azurite holds its tables in memory and writes them to <see cref="TableDatabase"/> every 5 seconds (LokiJS
/// autosave; the file is replaced whole, by a rename). A hard kill therefore forgets what it acknowledged since its
/// last save, and comes back with exactly what that file holds: <see cref="SavedRowKeys"/> reads it.
/// </remarks>
public sealed class DiskAzurite : IAsyncDisposable
{
    private readonly int _queuePort;
    private Process? _process;

    private DiskAzurite(string folder, int blobPort, int queuePort, int tablePort)
    {
        Folder = folder;
        BlobPort = blobPort;
        _queuePort = queuePort;
        TablePort = tablePort;
    }

    public string Folder { get; }

    public int BlobPort { get; }

    public int TablePort { get; }

    public string ConnectionString => LocalAzurite.ConnectionString(BlobPort, _queuePort, TablePort);

    /// <summary>The file Azurite saves its tables to, and loads them from when it starts.</summary>
    public string TableDatabase => Path.Combine(Folder, "__azurite_db_table__.json");

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<DiskAzurite> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("reporting-azurite-").FullName;
        var azurite = new DiskAzurite(folder, LocalPorts.Free(), LocalPorts.Free(), LocalPorts.Free());
        try
        {
            await azurite.RestartAsync();
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
        return azurite;
    }

    /// <summary>Starts Azurite (again) on the same ports and folder, and waits until it listens.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }
        _process?.Dispose();
        _process = null;
        _process = await AzuriteFixture.StartAsync(["--location", Folder], BlobPort, _queuePort, TablePort);
    }

    /// <summary>Kills Azurite at once (SIGKILL to its PID: no chance to save anything) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }
        AzuriteFixture.Stop(_process);
    }

    /// <summary>The row keys of a table as Azurite last saved them: what it holds after a restart (read while it is stopped).</summary>
    public IReadOnlySet<string> SavedRowKeys(string table)
    {
        using var database = JsonDocument.Parse(File.ReadAllBytes(TableDatabase));
        var name = LocalAzurite.AccountName + "$" + table;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var collection in database.RootElement.GetProperty("collections").EnumerateArray())
        {
            if (string.Equals(collection.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var entity in collection.GetProperty("data").EnumerateArray())
                {
                    keys.Add(entity.GetProperty("RowKey").GetString()!);
                }
            }
        }
        return keys;
    }

    /// <summary>Whether Azurite's saved file holds these tables yet (it saves every 5 seconds).</summary>
    public async Task WaitUntilSavedAsync(IReadOnlyCollection<string> tables, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var saved = File.Exists(TableDatabase) ? await File.ReadAllTextAsync(TableDatabase) : "";
            if (tables.All(t => saved.Contains("\"" + LocalAzurite.AccountName + "$" + t + "\"", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Azurite did not save the tables {string.Join(", ", tables)} within {timeout}.");
            }
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            AzuriteFixture.Stop(_process);
            _process.Dispose();
            _process = null;
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left to the system.
        }
        return ValueTask.CompletedTask;
    }
}
