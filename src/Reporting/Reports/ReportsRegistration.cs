using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Reports;

internal static class ReportsRegistration
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.Languages.All(l => l.Length == 2 && Enum.TryParse<ReportLanguage>(l, ignoreCase: true, out _)),
                "ScheduledLanguages: each one nl, fr or en.")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ReportRequestReader>();
        return builder;
    }
}
