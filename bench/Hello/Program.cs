// The start-up floor of the benchmark: a bare ASP.NET Core app that answers the same health route, published
// the same way as the service (self-contained, ReadyToRun), so their start-up times can be compared.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/health", () => "ok");
app.Run();
