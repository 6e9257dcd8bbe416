using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Reporting.Access;
using Reporting.Tests.Support;

namespace Reporting.Tests.Faults;

/// <summary>
/// The built service under the local host (<c>dotnet src/Reporting.LocalHost/bin/&lt;configuration&gt;/net10.0/Reporting.LocalHost.dll</c>)
/// as a process of its own on a free port of 127.0.0.1, configured through environment variables as in production, so that a test
/// can kill it (SIGKILL, by PID) in the middle of its work.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    /// <summary>A client that sends the coordinator's API key.</summary>
    public HttpClient Client { get; }

    /// <summary>The last lines the service wrote, for a failure message.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>The service's assembly as the build of the test's configuration left it.</summary>
    public static string Assembly
    {
        get
        {
            var configuration = typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            return Path.Combine(RepositoryRoot.Path, "src", "Reporting.LocalHost", "bin", configuration, framework, "Reporting.LocalHost.dll");
        }
    }

    /// <summary>
    /// Starts the service and waits until <c>/api/health</c> answers 200, or, with <paramref name="healthy"/> false,
    /// until it answers at all (a service whose storage refuses it answers 503).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string connectionString, string tablePrefix, IDictionary<string, string>? settings = null, bool healthy = true)
    {
        var assembly = Assembly;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"The service is not built: {assembly} is missing.");
        }
        var port = LocalPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = connectionString,
            ["Storage__TablePrefix"] = tablePrefix,
            ["REPORTING_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["LocalHost__RunTimers"] = "false",
            ["ReportQueue"] = TestService.QueueOf(tablePrefix),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in TestKeys.Settings())
        {
            if (value is not null)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(AccessOptions.ApiKeyHeader, TestKeys.Coordinator);
        var service = new ServiceProcess(process, client);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), healthy);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, bool healthy)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("/api/health");
                if (response.IsSuccessStatusCode || !healthy)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The service did not answer /api/health within {timeout}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the service at once (SIGKILL to its PID: no shutdown, no finally blocks) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
