using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Reporting.Access;

namespace Reporting.Bench;

/// <summary>The published service as a process of its own, configured by environment variables as a deployment would be.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>The benchmark's API key: a coordinator of every programme. Only its hash is configured.</summary>
    public const string ApiKey = "bench-coordinator-key-5e21a7";

    private readonly RunningProcess _process;

    private ServiceProcess(RunningProcess process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static Dictionary<string, string> Environment(string connectionString, int port) => new(StringComparer.Ordinal)
    {
        ["Access__ApiKeys__0__Name"] = "bench-coordinator",
        ["Access__ApiKeys__0__KeySha256"] = CallerResolver.HashKey(ApiKey),
        ["Access__ApiKeys__0__Role"] = "Coordinator",
        ["Access__ApiKeys__0__Programmes__0"] = "BAR",
        ["Access__ApiKeys__0__Programmes__1"] = "CHW",
        ["Access__ApiKeys__0__Programmes__2"] = "PGBM",
        ["Access__ApiKeys__0__Programmes__3"] = "GA",
        // The benchmark sends far more requests with one key than a person would: without this the per-key
        // budget (600 a minute by default) would answer 429 and the figures would measure the rate limit.
        ["Access__RequestsPerMinute"] = "10000000",
        ["LocalHost__RunTimers"] = "false",
        ["Storage__ConnectionString"] = connectionString,
        ["REPORTING_PORT"] = port.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<ServiceProcess> StartAsync(string executable, string connectionString, string logPath)
    {
        var port = LocalPorts.Free();
        var process = RunningProcess.Start(executable, [], Environment(connectionString, port), logPath);
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(5),
        };
        client.DefaultRequestHeaders.Add(AccessOptions.ApiKeyHeader, ApiKey);
        var service = new ServiceProcess(process, client);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.Process.HasExited || DateTime.UtcNow > deadline)
            {
                await service.DisposeAsync();
                throw new InvalidOperationException($"The service did not become healthy; see {logPath}.");
            }
            await Task.Delay(50);
        }
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
