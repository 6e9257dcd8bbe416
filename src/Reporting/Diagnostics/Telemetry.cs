using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;

namespace Reporting.Diagnostics;

/// <summary>
/// The app's own traces and metrics: a trace per report run, the run's duration and record counts. They carry
/// report ids, periods and counts only (a report id names a programme, a period and a language), never a record's
/// content or a caller's key. Exported to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
/// </summary>
internal static class Telemetry
{
    public const string Name = "Reporting";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>("reporting.report.duration", "s", "How long a report run took, from its start to ready or failed.");

    public static readonly Counter<long> ReportRecords = Meter.CreateCounter<long>("reporting.report.records", "{record}", "Records counted by the reports made.");

    public static readonly Counter<long> Reports = Meter.CreateCounter<long>("reporting.reports", "{report}", "Report runs, by outcome.");

    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// OpenTelemetry for the app's traces (report runs, requests through <see cref="Access.FunctionGate"/>) and
    /// metrics, exported to Azure Monitor when Application Insights is configured; nothing is exported otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var connection = builder.Configuration[ConnectionSetting];
        if (string.IsNullOrEmpty(connection))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Name).AddAzureMonitorTraceExporter(o => o.ConnectionString = connection))
            .WithMetrics(metrics => metrics.AddMeter(Name).AddAzureMonitorMetricExporter(o => o.ConnectionString = connection));
        return builder;
    }
}
