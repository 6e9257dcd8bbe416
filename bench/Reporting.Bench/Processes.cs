using System.Diagnostics;

namespace Reporting.Bench;

/// <summary>
/// A process the benchmark started: its output goes to a log file (or nowhere), and it is stopped by its PID,
/// never by name.
/// </summary>
internal sealed class RunningProcess : IAsyncDisposable
{
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();

    private RunningProcess(Process process, StreamWriter? log)
    {
        Process = process;
        _log = log;
    }

    public Process Process { get; }

    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? logPath = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var running = new RunningProcess(process, log);
        process.OutputDataReceived += (_, e) => running.Write(e.Data);
        process.ErrorDataReceived += (_, e) => running.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    private void Write(string? line)
    {
        if (_log is null || line is null)
        {
            return;
        }
        lock (_logLock)
        {
            _log.WriteLine(line);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
