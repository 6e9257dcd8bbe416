using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
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
                var binding = JsonNode.Parse(await File.ReadAllTextAsync(file))!["bindings"]!.AsArray()
                    .Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
                foreach (var method in binding["methods"]!.AsArray())
                {
                    declared.Add($"{method!.GetValue<string>().ToUpperInvariant()} /{FunctionCatalog.RoutePrefix}/{binding["route"]!.GetValue<string>()}");
                }
            }

            await using var app = ReportingApp.Build(["--urls", "http://127.0.0.1:0"]);
            var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
                .ToHashSet();

            Assert.Equal(FunctionCatalog.Http.Count, Directory.GetDirectories(folder).Length);
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

            Assert.Equal(FunctionCatalog.Http.Select(f => f.Name).Order(), Directory.GetDirectories(folder).Select(Path.GetFileName).Order());
            Assert.Equal(FunctionCatalog.Http.Count, FunctionCatalog.Http.Select(f => f.Name).Distinct().Count());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AsACustomHandlerTheAppListensOnThePortTheFunctionsHostGives()
    {
        var port = AzuriteFixture.FreePort();
        await using var app = ReportingApp.Build([$"--FUNCTIONS_CUSTOMHANDLER_PORT={port}"]);
        await app.StartAsync();
        using var client = new HttpClient();

        var response = await client.GetAsync($"http://127.0.0.1:{port}/api/reference");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
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
