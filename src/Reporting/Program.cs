using Microsoft.Azure.Functions.Worker.Builder;
using Reporting.Hosting;

// The Functions app (isolated worker, ASP.NET Core integration). The Functions host starts it; ./run.sh runs the
// same function classes under the local host (src/Reporting.LocalHost).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddReporting();
builder.Build().Run();
