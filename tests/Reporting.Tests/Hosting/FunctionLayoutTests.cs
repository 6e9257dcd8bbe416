using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Reporting.Functions;
using Reporting.Hosting;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

public sealed class FunctionLayoutTests
{
    [Fact]
    public async Task TheProducedFunctionFilesMatchTheEndpointsTheAppMaps()
    {
        var folder = Directory.CreateTempSubdirectory("functions").FullName;
        try
        {
            FunctionMetadata.Write(folder);
            var declared = new HashSet<string>();
            foreach (var file in Directory.GetFiles(folder, "function.json", SearchOption.AllDirectories))
            {
                var bindings = JsonNode.Parse(await File.ReadAllTextAsync(file))!["bindings"]!.AsArray();
                if (bindings.Any(b => b!["type"]!.GetValue<string>() == "timerTrigger"))
                {
                    // The host invokes a timer function as POST /{FunctionName}.
                    declared.Add($"POST /{Path.GetFileName(Path.GetDirectoryName(file))}");
                    continue;
                }
                var binding = bindings.Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
                foreach (var method in binding["methods"]!.AsArray())
                {
                    declared.Add($"{method!.GetValue<string>().ToUpperInvariant()} /{FunctionCatalog.RoutePrefix}/{binding["route"]!.GetValue<string>()}");
                }
            }

            await using var app = ReportingApp.Build(["--urls", "http://127.0.0.1:0"]);
            var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
                .ToHashSet();

            Assert.Equal(FunctionCatalog.Http.Count + FunctionCatalog.Timers.Count, Directory.GetDirectories(folder).Length);
            Assert.Equal(mapped.Order(), declared.Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FunctionFoldersAreNamedAfterTheFunctions()
    {
        var folder = Directory.CreateTempSubdirectory("functions").FullName;
        try
        {
            FunctionMetadata.TryRun([FunctionMetadata.Command, folder]);

            var names = FunctionCatalog.Http.Select(f => f.Name).Concat(FunctionCatalog.Timers.Select(t => t.Name)).ToList();
            Assert.Equal(names.Order(), Directory.GetDirectories(folder).Select(Path.GetFileName).Order());
            Assert.Equal(names.Count, names.Distinct().Count());
            var monthly = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "MonthlyReports", "function.json")))!["bindings"]![0]!;
            Assert.Equal("timerTrigger", monthly["type"]!.GetValue<string>());
            Assert.Equal(FunctionCatalog.MonthlyReports.Schedule, monthly["schedule"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AsACustomHandlerTheAppListensOnThePortTheFunctionsHostGives()
    {
        var port = LocalPorts.Free();
        await using var app = ReportingApp.Build([$"--FUNCTIONS_CUSTOMHANDLER_PORT={port}"]);
        await app.StartAsync();
        using var client = new HttpClient();

        var response = await client.GetAsync($"http://127.0.0.1:{port}/api/health");

        // Healthy or not (no storage is configured here), the answer comes from this app on that port.
        Assert.Contains(response.StatusCode, new[] { System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.ServiceUnavailable });
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["storage"]);
        await app.StopAsync();
    }

    [Fact]
    public async Task HostJsonRunsThePublishedExecutableAsACustomHandlerWithProxiedHttp()
    {
        var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("Reporting", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal(FunctionCatalog.RoutePrefix, host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("Reporting", typeof(ReportingApp).Assembly.GetName().Name);
    }
}
