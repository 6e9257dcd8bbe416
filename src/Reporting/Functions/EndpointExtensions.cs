using Reporting.Access;

namespace Reporting.Functions;

internal static class EndpointExtensions
{
    /// <summary>
    /// Maps a handler on the route and method that <see cref="FunctionCatalog"/> gives the function, reachable only
    /// by the roles the table names.
    /// </summary>
    public static RouteHandlerBuilder MapFunction(this IEndpointRouteBuilder app, HttpFunction function, Delegate handler) =>
        app.MapMethods(function.Path, [function.Method], handler).WithName(function.Name).RequireRoles(function.Roles)
            .RequireRateLimiting(AccessRateLimits.PerCaller);
}
