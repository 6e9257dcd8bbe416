using System.Globalization;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Health;
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
public static class ReportingApp
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
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddIngestion();
        builder.AddReports();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapReference();
        app.MapHealth();
        app.MapIngestion();
        app.MapReports();
        return app;
    }

    private static int Port(IConfiguration configuration)
    {
        var value = configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? configuration["REPORTING_PORT"];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : DefaultPort;
    }

    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
            new TableServiceClient(StorageConnection.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)));
        builder.Services.AddSingleton(ReferenceCatalog.Current);
        builder.Services.AddSingleton(sp => new RecordStore<LogbookEntry>(RecordMappings.Entries, sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReferenceData>()));
        builder.Services.AddSingleton(sp => new RecordStore<CollectiveActivity>(RecordMappings.Activities, sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReferenceData>()));
        return builder;
    }

    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var underFunctionsHost = !string.IsNullOrEmpty(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Configure(o => o.RunScheduler &= !underFunctionsHost)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
            new BlobServiceClient(StorageConnection.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)));
        builder.Services.AddSingleton(sp => new ReportIndex(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddSingleton<ReportSource>();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ReportRequestReader>();
        builder.Services.AddSingleton<ScheduledReports>();
        builder.Services.AddHostedService<ReportWorker>();
        builder.Services.AddHostedService<Scheduler>();
        return builder;
    }

    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new RecordReader(sp.GetRequiredService<ReferenceData>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new IngestionService<LogbookEntry>(
            sp.GetRequiredService<RecordStore<LogbookEntry>>(), sp.GetRequiredService<RecordReader>(),
            (reader, json, errors) => reader.ReadEntry(json, errors), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        builder.Services.AddSingleton(sp => new IngestionService<CollectiveActivity>(
            sp.GetRequiredService<RecordStore<CollectiveActivity>>(), sp.GetRequiredService<RecordReader>(),
            (reader, json, errors) => reader.ReadActivity(json, errors), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        return builder;
    }
}
