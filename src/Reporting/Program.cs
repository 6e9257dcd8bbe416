using Microsoft.Azure.Functions.Worker.Builder;
using Reporting.Hosting;

// The Functions app (isolated worker, ASP.NET Core integration). The Functions host starts it; ./run.sh runs the
// same function classes under the local host (src/Reporting.LocalHost).
if (args is ["--help" or "-h", ..])
{
    Console.WriteLine("""
        Reporting: the Functions app (.NET isolated worker). The Azure Functions host starts it: `func start` in
        src/Reporting with a local.settings.json (from local.settings.sample.json), or Azure after `azd up`.
        Without the host, run it with ./run.sh (the local host in src/Reporting.LocalHost). See README.md.
        """);
    return;
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddReporting();
builder.Build().Run();
