using Reporting.Hosting;

if (FunctionMetadata.TryRun(args))
{
    return;
}

var app = ReportingApp.Build(args);
await app.RunAsync();
