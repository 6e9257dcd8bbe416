using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Reporting.Access;
using Reporting.Tests.Support;
using Xunit.Abstractions;

namespace Reporting.Tests.Faults;

/// <summary>
/// <c>./run.sh</c> as a newcomer stops it: a hang-up to its process group (the terminal closed), SIGINT to a run
/// started in the background by another script, SIGTERM. Each time the service and Azurite stop, and an entry
/// that was answered 201 just before is there after a restart. Run on free ports and a folder of its own, never
/// on run.sh's defaults.
/// </summary>
[Collection(RunScriptFaults.Name)]
public sealed class RunScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("run-sh").FullName;
    private readonly int _blob = LocalPorts.Free();
    private readonly int _queue = LocalPorts.Free();
    private readonly int _table = LocalPorts.Free();
    private readonly int _service = LocalPorts.Free();

    public enum Stop
    {
        HangUpToTheProcessGroup,
        InterruptABackgroundRun,
        Terminate,
    }

    private sealed record Run(Process Process, int ScriptPid);

    /// <summary>Starts run.sh in a session of its own (as from a terminal), or in the background of another script.</summary>
    private Run Start(bool background)
    {
        var pidFile = Path.Combine(_location, "run.pid");
        File.Delete(pidFile);
        var script = Path.Combine(RepositoryRoot.Path, "run.sh");
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in background
            ? new[] { "bash", "-c", $"bash '{script}' & echo $! > '{pidFile}'; wait" }
            : ["bash", "-c", $"echo $$ > '{pidFile}'; exec bash '{script}'"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AZURITE_LOCATION"] = Path.Combine(_location, "azurite");
        start.Environment["AZURITE_BLOB_PORT"] = _blob.ToString(CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = _queue.ToString(CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = _table.ToString(CultureInfo.InvariantCulture);
        start.Environment["REPORTING_PORT"] = _service.ToString(CultureInfo.InvariantCulture);
        start.Environment["LocalHost__RunTimers"] = "false";
        start.Environment.Remove("REPORTING_RUN_SIGNALS_RESET");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "run.sh did not start");
            Thread.Sleep(50);
        }
        return new Run(process, int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
    }

    private readonly List<string> _lines = [];

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    private HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{_service}"), Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitUntilHealthyAsync(Run run)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            Assert.False(run.Process.HasExited, "run.sh ended:\n" + string.Join("\n", _lines));
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "run.sh did not serve /api/health:\n" + string.Join("\n", _lines));
            await Task.Delay(200);
        }
    }

    private static void Signal(string signal, int pid, bool group) =>
        Process.Start("kill", [$"-{signal}", "--", group ? $"-{pid}" : pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private async Task StopAsync(Run run, Stop how)
    {
        switch (how)
        {
            case Stop.HangUpToTheProcessGroup:
                Signal("HUP", run.ScriptPid, group: true);
                break;
            case Stop.InterruptABackgroundRun:
                Signal("INT", run.ScriptPid, group: false);
                break;
            default:
                Signal("TERM", run.ScriptPid, group: false);
                break;
        }
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (await LocalPorts.IsListeningAsync(_service) || await LocalPorts.IsListeningAsync(_table))
        {
            Assert.True(DateTime.UtcNow < deadline, $"After {how}, the service or Azurite still listens:\n" + string.Join("\n", _lines));
            await Task.Delay(100);
        }
        Assert.True(run.Process.WaitForExit(20_000), $"run.sh did not end after {how}");
    }

    [Theory]
    [InlineData(Stop.HangUpToTheProcessGroup)]
    [InlineData(Stop.InterruptABackgroundRun)]
    public async Task HoweverRunShIsStoppedTheServiceStopsAndAzuriteKeepsWhatWasStored(Stop how)
    {
        var entry = Samples.Entry(date: "2022-03-14");
        var id = entry["id"]!.GetValue<string>();
        var first = Start(background: how == Stop.InterruptABackgroundRun);
        await WaitUntilHealthyAsync(first);
        using (var client = Client())
        {
            client.DefaultRequestHeaders.Add(AccessOptions.ApiKeyHeader, "local-coordinator");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entries", entry)).StatusCode);
        }
        await StopAsync(first, how);

        var again = Start(background: false);
        await WaitUntilHealthyAsync(again);
        using (var client = Client())
        {
            client.DefaultRequestHeaders.Add(AccessOptions.ApiKeyHeader, "local-coordinator");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/entries/{id}")).StatusCode);
        }
        await StopAsync(again, Stop.Terminate);
        output.WriteLine(string.Join("\n", _lines.TakeLast(20)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
