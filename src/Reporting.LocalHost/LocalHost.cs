using System.Globalization;
using Reporting.Hosting;
using Reporting.Storage;
using Reporting.Timers;

namespace Reporting.LocalHost;

/// <summary>
/// Builds the local host: the Functions app's services (the same <see cref="ReportingServices.AddReporting"/> as
/// its Program.cs), every HTTP function on its route below <c>/api</c> on Kestrel (127.0.0.1, port REPORTING_PORT,
/// 7071 by default, as <c>func start</c>), the timers on their schedules, the queue functions on their queues, and
/// the host's admin route that runs a non-HTTP function at once (<c>POST /admin/functions/{name}</c>).
/// </summary>
internal static class LocalHost
{
    public const int DefaultPort = 7071;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the folder of the executable, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // What the app declares as its defaults, under whatever is configured (local.settings.json and infra/ set them).
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = TimerSchedule.Settings.Select(s => KeyValuePair.Create(s.Setting, (string?)s.Default))
                .Append(KeyValuePair.Create(ReportRequests.Setting, (string?)ReportRequests.DefaultName)),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{Port(builder.Configuration)}");
        }
        // The Functions host takes bodies up to 100 MB; the functions set their own, smaller limits.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024);
        builder.AddReporting();
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        builder.Services.AddSingleton(sp => FunctionIndex.Of(typeof(ReportingServices).Assembly, sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(_ => HostSettings.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
        builder.Services.AddHostedService<TimerRunner>();
        builder.Services.AddHostedService<QueueRunner>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var functions = app.Services.GetRequiredService<IReadOnlyList<LocalFunction>>();
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            app.MapMethods($"/{FunctionIndex.RoutePrefix}/{function.Route}", function.HttpMethods, async (HttpContext context) =>
            {
                var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, context.Request,
                    name => context.GetRouteValue(name)?.ToString(), context.RequestAborted);
                await result!.ExecuteAsync(context);
            }).WithName(function.Name);
        }
        // As the Functions host's admin API: runs a timer or queue function once (a queue function's message is the
        // body's "input"); answers 202 when the invocation has finished. Local only: the host guards it with its master key.
        app.MapPost("/admin/functions/{name}", async (string name, HttpContext context, CancellationToken ct) =>
        {
            var function = functions.FirstOrDefault(f => f.Name == name && f.Trigger != TriggerKind.Http);
            if (function is null)
            {
                return Results.NotFound();
            }
            var input = "";
            if (context.Request.HasJsonContentType())
            {
                var body = await context.Request.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct);
                input = body?["input"]?.GetValue<string>() ?? "";
            }
            object trigger = function.Trigger == TriggerKind.Timer ? new Microsoft.Azure.Functions.Worker.TimerInfo() : input;
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, trigger, null, ct);
            return Results.Accepted();
        }).WithName("admin");
        return app;
    }

    private static int Port(IConfiguration configuration)
    {
        var value = configuration["REPORTING_PORT"];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : DefaultPort;
    }
}
