using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Reports;

internal static class ReportsRegistration
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var underFunctionsHost = !string.IsNullOrEmpty(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Configure(o => o.RunScheduler &= !underFunctionsHost)
            .Validate(o => o.Languages.All(l => l.Length == 2 && Enum.TryParse<ReportLanguage>(l, ignoreCase: true, out _)),
                "ScheduledLanguages: each one nl, fr or en.")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ReportRequestReader>();
        builder.Services.AddHostedService<ReportWorker>();
        return builder;
    }
}
