using Reporting.Access;
using Reporting.LocalHost;

// Development only: the Functions app's classes without the Functions host. See README.md.
if (args is ["--help" or "-h", ..])
{
    Console.WriteLine("""
        Reporting local host: runs the Functions app's HTTP functions on http://127.0.0.1:$REPORTING_PORT (7071),
        its timers on their schedules and its queue functions on Azurite's queues.

        Usage:
          Reporting.LocalHost                 run (settings from environment variables, e.g. Storage__ConnectionString)
          Reporting.LocalHost --hash-key KEY  print the SHA-256 to configure for an API key (Access__ApiKeys__N__KeySha256)
          Reporting.LocalHost --help          this text

        ./run.sh starts Azurite and this host with local API keys; see README.md.
        """);
    return;
}
if (args is ["--hash-key", var key])
{
    // The key itself is never stored: only this hash is configured.
    Console.WriteLine(CallerResolver.HashKey(key));
    return;
}

var app = LocalHost.Build(args);
await app.RunAsync();
