using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.LocalHost;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>What the Functions host runs (the SDK's functions.metadata, host.json) is what the local host runs.</summary>
public sealed class FunctionLayoutTests
{
    /// <summary>The functions.metadata the Functions SDK wrote when it built the app in the tests' configuration.</summary>
    private static JsonArray GeneratedMetadata()
    {
        var configuration = typeof(FunctionLayoutTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var path = Path.Combine(RepositoryRoot.Path, "src", "Reporting", "bin", configuration, framework, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions SDK did not write {path}.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    /// <summary>One function as a line: name, entry point, trigger and what the trigger says.</summary>
    private static string Describe(string name, string entryPoint, string trigger, IEnumerable<string> methods, string? route, string? schedule, string? queue) =>
        $"{name} {entryPoint} {trigger} [{string.Join(",", methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))}] route={route} schedule={schedule} queue={queue}";

    [Fact]
    public void TheGeneratedMetadataAndTheLocalHostHaveTheSameFunctionsTriggersRoutesSchedulesAndQueues()
    {
        var generated = GeneratedMetadata().Select(f =>
        {
            var trigger = f!["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            Assert.Equal("Reporting.dll", f["scriptFile"]!.GetValue<string>());
            Assert.Equal("dotnet-isolated", f["language"]!.GetValue<string>());
            return Describe(f["name"]!.GetValue<string>(), f["entryPoint"]!.GetValue<string>(), trigger["type"]!.GetValue<string>(),
                trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>()) ?? [], trigger["route"]?.GetValue<string>(),
                trigger["schedule"]?.GetValue<string>(), trigger["queueName"]?.GetValue<string>());
        }).Order(StringComparer.Ordinal).ToList();

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReportQueue"] = "q", ["MonthlyReportsSchedule"] = "m", ["QuarterlyReportsSchedule"] = "q", ["YearlyReportsSchedule"] = "y",
        }).Build();
        var local = FunctionIndex.Of(typeof(Reporting.Hosting.ReportingServices).Assembly, settings).Select(f => Describe(
            f.Name, $"{f.Type.FullName}.{f.Method.Name}",
            f.Trigger switch { TriggerKind.Http => "httpTrigger", TriggerKind.Timer => "timerTrigger", _ => "queueTrigger" },
            f.HttpMethods, f.Route, f.DeclaredSchedule, f.DeclaredQueue)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(29, generated.Count);
        Assert.Equal(generated, local);
    }

    [Fact]
    public async Task TheLocalHostMapsEveryHttpFunctionOnItsRouteAndMethodAndNothingElseBelowApi()
    {
        var expected = GeneratedMetadata()
            .Select(f => f!["bindings"]!.AsArray().SingleOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger"))
            .Where(b => b is not null)
            .SelectMany(b => b!["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /api/{b["route"]!.GetValue<string>()}"))
            .Order(StringComparer.Ordinal).ToList();

        await using var app = Reporting.LocalHost.LocalHost.Build(["--urls", "http://127.0.0.1:0"]);
        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(24, expected.Count);
        Assert.Equal(expected, mapped);
    }

    [Fact]
    public void EverySettingATriggerNamesIsInTheLocalSettingsSampleAndTheLocalHostDefaults()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")))!["Values"]!.AsObject();
        var named = GeneratedMetadata()
            .SelectMany(f => f!["bindings"]!.AsArray())
            .SelectMany(b => new[] { b!["schedule"]?.GetValue<string>(), b["queueName"]?.GetValue<string>() })
            .Where(v => v is not null)
            .SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v!, "%([^%]+)%").Select(m => m.Groups[1].Value))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["MonthlyReportsSchedule", "QuarterlyReportsSchedule", "ReportQueue", "YearlyReportsSchedule"], named);
        Assert.All(named, setting => Assert.False(string.IsNullOrEmpty(sample[setting]?.GetValue<string>()), $"{setting} is not in local.settings.sample.json"));
        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        foreach (var (setting, schedule, _) in Reporting.Timers.TimerSchedule.Settings)
        {
            Assert.Equal(schedule, sample[setting]!.GetValue<string>());
        }
        Assert.Equal(Reporting.Storage.ReportRequests.DefaultName, sample["ReportQueue"]!.GetValue<string>());
    }

    [Fact]
    public void HostJsonIsAnIsolatedWorkersAndTheLocalHostTakesItsQueueSemanticsFromIt()
    {
        var path = Path.Combine(RepositoryRoot.Path, "host.json");
        var host = JsonNode.Parse(File.ReadAllText(path))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        Assert.Equal(FunctionIndex.RoutePrefix, host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("base64", host["extensions"]!["queues"]!["messageEncoding"]!.GetValue<string>());
        var read = HostSettings.Read(path);
        Assert.Equal(host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>(), read.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(host["extensions"]!["queues"]!["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), read.VisibilityTimeout);
        Assert.NotEqual(HostSettings.Defaults, read);
        // The app's build puts host.json beside the executable, where the Functions host and the local host read it.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
    }
}
