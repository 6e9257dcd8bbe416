using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Reports;

internal static class ReportsRegistration
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var underFunctionsHost = !string.IsNullOrEmpty(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Configure(o => o.RunScheduler &= !underFunctionsHost)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new BlobServiceClient(sp.GetRequiredService<StorageConnection>()));
        builder.Services.AddSingleton(sp => new ReportIndex(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddSingleton<ReportSource>();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ReportRequestReader>();
        builder.Services.AddHostedService<ReportWorker>();
        return builder;
    }
}
