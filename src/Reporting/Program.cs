using Reporting.Functions;
using Reporting.Hosting;

if (FunctionMetadata.TryRun(args))
{
    return;
}
if (args is ["--hash-key", var key])
{
    // Prints the hash to configure for an API key (Access:ApiKeys:N:KeySha256); the key itself is never stored.
    Console.WriteLine(Reporting.Access.CallerResolver.HashKey(key));
    return;
}

var app = ReportingApp.Build(args);
await app.RunAsync();
