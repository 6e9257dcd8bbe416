using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Reporting.Bench;

internal sealed record StartupResult(IReadOnlyList<double> ServiceMs, IReadOnlyList<double> HelloMs);

/// <summary>
/// Milliseconds from starting the process to its first 200 on <c>/api/health</c>: the service and a bare ASP.NET
/// Core app, both published self-contained and ReadyToRun, started in turn. The service's health check pings
/// storage, so Azurite is running.
/// </summary>
internal static class StartupBench
{
    public static async Task<StartupResult> RunAsync(string service, string hello, string connectionString, int starts)
    {
        var serviceMs = new List<double>();
        var helloMs = new List<double>();
        // One start of each first, not counted: the executables and their libraries into the file cache.
        await StartOnceAsync(hello, HelloEnvironment);
        await StartOnceAsync(service, port => ServiceProcess.Environment(connectionString, port));
        for (var i = 0; i < starts; i++)
        {
            helloMs.Add(await StartOnceAsync(hello, HelloEnvironment));
            serviceMs.Add(await StartOnceAsync(service, port => ServiceProcess.Environment(connectionString, port)));
        }
        return new StartupResult(serviceMs, helloMs);
    }

    private static Dictionary<string, string> HelloEnvironment(int port) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
    };

    private static async Task<double> StartOnceAsync(string executable, Func<int, Dictionary<string, string>> environment)
    {
        var port = LocalPorts.Free();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/health"));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(10) };
        var env = environment(port);
        var watch = Stopwatch.StartNew();
        await using var process = RunningProcess.Start(executable, [], env);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.Process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{executable} did not answer 200 on /api/health.");
            }
            await Task.Delay(2);
        }
    }
}
