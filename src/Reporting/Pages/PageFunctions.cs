using Microsoft.Azure.Functions.Worker;
using Reporting.Access;

namespace Reporting.Pages;

/// <summary>
/// The pages of the three users (field worker, coordinator, funder): static files that anyone may load, as the
/// health check; every data call they make carries the caller's key or the platform's sign-in.
/// </summary>
internal sealed class PageFunctions(FunctionGate gate)
{
    private static readonly Role[] Everyone = [Role.FieldWorker, Role.Coordinator, Role.Funder];

    [Function("GetPage")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/{*path}")] HttpRequest request, string? path) =>
        gate.AnyoneAsync(request, () => Task.FromResult(PageAssets.Answer(request, path)));

    /// <summary>
    /// <c>GET /api/me</c>: who the caller is, so that a page shows the right user's view: the role, the programmes
    /// and a field worker's code. Never the key or the platform's user id.
    /// </summary>
    [Function("GetMe")]
    public Task<IResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        gate.RunAsync(request, Everyone, caller => Task.FromResult<IResult>(TypedResults.Ok(new MeView(
            caller.Role,
            [.. caller.Programmes.Order(StringComparer.Ordinal)],
            caller.WorkerCode,
            request.Headers.ContainsKey(AccessOptions.ApiKeyHeader) ? "key" : "platform"))));

    public sealed record MeView(Role Role, IReadOnlyList<string> Programmes, string? WorkerCode, string SignIn);
}
