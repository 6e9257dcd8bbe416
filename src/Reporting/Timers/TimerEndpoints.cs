using Reporting.Functions;

namespace Reporting.Timers;

/// <summary>The timer functions as the Functions host invokes a custom handler's timers.</summary>
internal static class TimerEndpoints
{
    public static IEndpointRouteBuilder MapTimers(this IEndpointRouteBuilder app)
    {
        foreach (var timer in FunctionCatalog.Timers)
        {
            // The Functions host invokes a timer as POST /{FunctionName} with {"Data":{"timer":…},"Metadata":…}
            // and expects {"Outputs":…,"Logs":…,"ReturnValue":…} back.
            app.MapPost(timer.Path, async (ScheduledReports scheduled, TimeProvider time, CancellationToken ct) =>
            {
                var produced = await scheduled.RunAsync(timer.Period, time.GetUtcNow(), ct);
                var logs = produced.Select(r => $"{r.Id}: {r.Status.ToString().ToLowerInvariant()}").Prepend($"{timer.Name}: {produced.Count} report(s) produced").ToList();
                return TypedResults.Ok(new InvocationResult(new Dictionary<string, object?>(), logs, null));
            }).WithName(timer.Name);
        }
        return app;
    }

    /// <summary>Registers what the timers run, and the standalone scheduler that fires them without the Functions host.</summary>
    public static IHostApplicationBuilder AddTimers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ScheduledReports>();
        builder.Services.AddHostedService<Scheduler>();
        return builder;
    }

    public sealed record InvocationResult(
        [property: System.Text.Json.Serialization.JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
        [property: System.Text.Json.Serialization.JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: System.Text.Json.Serialization.JsonPropertyName("ReturnValue")] object? ReturnValue);
}
