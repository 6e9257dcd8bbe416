using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Hosting;

namespace Reporting.Tests.Support;

/// <summary>
/// The real service on Kestrel, on a free port of 127.0.0.1, against the test Azurite with tables of its own;
/// tests talk to it over HTTP like a field form does.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, HttpClient client, string connectionString, string tablePrefix)
    {
        _app = app;
        Client = client;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
    }

    public HttpClient Client { get; }

    /// <summary>The storage account the service uses.</summary>
    public string ConnectionString { get; }

    public string TablePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestService> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(azurite.ConnectionString, settings, services);

    /// <summary>The service against the storage account of a connection string (an Azurite the test runs itself).</summary>
    public static async Task<TestService> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var app = ReportingApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:TablePrefix"] = prefix,
                // Timers are invoked by the tests, never by the clock.
                ["Reports:RunScheduler"] = "false",
            });
            builder.Configuration.AddInMemoryCollection(TestKeys.Settings());
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(Reporting.Access.AccessOptions.ApiKeyHeader, TestKeys.Coordinator);
        return new TestService(app, client, connectionString, prefix);
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
