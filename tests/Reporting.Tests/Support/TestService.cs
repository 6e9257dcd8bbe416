using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reporting.Tests.Support;

/// <summary>
/// The Functions app under the local host, on a free port of 127.0.0.1, against the test Azurite with tables and a
/// report queue of its own; tests talk to it over HTTP like a field form does.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, HttpClient client, string connectionString, string tablePrefix, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        Client = client;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
    }

    public HttpClient Client { get; }

    /// <summary>What the service logged at Warning and above.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The storage account the service uses.</summary>
    public string ConnectionString { get; }

    public string TablePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestService> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(azurite.ConnectionString, settings, services);

    /// <summary>The service against the storage account of a connection string (an Azurite the test runs itself).</summary>
    public static async Task<TestService> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // Tests that share tables across services (a restart) share the report queue too.
        var prefix = settings?.TryGetValue("Storage:TablePrefix", out var shared) == true && shared is not null ? shared : AzuriteFixture.UniquePrefix();
        var logs = new CapturedLogs();
        var app = Reporting.LocalHost.LocalHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:TablePrefix"] = prefix,
                ["ReportQueue"] = QueueOf(prefix),
                // Timers are invoked by the tests (POST /admin/functions/{name}), never by the clock.
                ["LocalHost:RunTimers"] = "false",
            });
            builder.Configuration.AddInMemoryCollection(TestKeys.Settings());
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(Reporting.Access.AccessOptions.ApiKeyHeader, TestKeys.Coordinator);
        return new TestService(app, client, connectionString, prefix, logs);
    }

    /// <summary>The report queue of a test's own tables.</summary>
    public static string QueueOf(string tablePrefix) => tablePrefix.ToLowerInvariant() + "-report-requests";

    /// <summary>Runs a timer or queue function once, as the Functions host's admin API does; returns when it has finished.</summary>
    public async Task RunFunctionAsync(string name, string? input = null)
    {
        using var response = await Client.PostAsJsonAsync($"/admin/functions/{name}", new { input = input ?? "" });
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"{name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n"
                + string.Join("\n", Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}")));
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Client.PostAsJsonAsync(path, body);

    /// <summary>A client of the same service that sends another API key (or none).</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = Client.Timeout };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(Reporting.Access.AccessOptions.ApiKeyHeader, key);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
