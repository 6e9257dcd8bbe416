using System.Globalization;
using Reporting.Access;
using Reporting.Health;
using Reporting.Http;
using Reporting.Ingestion;
using Reporting.Reference;
using Reporting.Reports;
using Reporting.Timers;
using Reporting.Storage;

namespace Reporting.Hosting;

/// <summary>
/// Builds the web app. The same app serves as the Azure Functions custom handler (listening on
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, which the host sets) and standalone on Kestrel (on <c>REPORTING_PORT</c>,
/// 7071 by default).
/// </summary>
internal static class ReportingApp
{
    public const int DefaultPort = 7071;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the folder of the executable, wherever it is started from (the Functions host, run.sh).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{Port(builder.Configuration)}");
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddAccess();
        builder.AddStorage();
        builder.AddIngestion();
        builder.AddReports();
        builder.AddTimers();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCallers();
        app.UseRateLimiter();
        app.MapReference();
        app.MapHealth();
        app.MapIngestion();
        app.MapReports();
        app.MapTimers();
        return app;
    }

    private static int Port(IConfiguration configuration)
    {
        var value = configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? configuration["REPORTING_PORT"];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : DefaultPort;
    }
}
