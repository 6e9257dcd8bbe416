using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Access;
using Reporting.ApiDescription;
using Reporting.Diagnostics;
using Reporting.Http;
using Reporting.Ingestion;
using Reporting.Reports;
using Reporting.Storage;
using Reporting.Timers;

namespace Reporting.Hosting;

/// <summary>
/// The services the function classes need, registered the same way under the Functions host (Program.cs) and under
/// the local host (src/Reporting.LocalHost).
/// </summary>
internal static class ReportingServices
{
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        // Problem answers are said in the caller's language (Http/Problems); the same JSON options write them.
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.Customize);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.Encoder = JsonAnswers.Encoder;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddAccess();
        builder.AddStorage();
        builder.AddIngestion();
        builder.AddReports();
        builder.AddTimers();
        builder.AddTelemetry();
        builder.Services.AddSingleton<ApiDocument>();
        return builder;
    }
}
