using Reporting.Domain;
using Reporting.Http;

namespace Reporting.Access;

/// <summary>
/// Lets a request reach a function only when its caller holds one of the function's roles: no or an unknown
/// credential answers 401, a role without access 403. Programme-level checks happen where the record or report
/// is known (the services): a stored record or report the caller may not see answers 404, as one that does not
/// exist; what the caller asks for or sends (a programme not theirs) answers 403.
/// </summary>
internal static class AccessFilter
{
    private const string CallerKey = "Reporting.Caller";

    /// <summary>Resolves the caller once per request, for the rate limiter and the functions.</summary>
    public static IApplicationBuilder UseCallers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Items[CallerKey] = context.RequestServices.GetRequiredService<CallerResolver>().Resolve(context.Request);
        await next(context);
    });

    public static Caller? CallerOf(HttpContext context) => context.Items.TryGetValue(CallerKey, out var caller) ? caller as Caller : null;

    /// <summary>The caller of a function that passed the filter.</summary>
    public static Caller Caller(this HttpContext context) =>
        CallerOf(context) ?? throw new InvalidOperationException("A function that needs a caller was mapped without the access filter.");

    public static RouteHandlerBuilder RequireRoles(this RouteHandlerBuilder builder, IReadOnlyCollection<Role> roles)
    {
        if (roles.Count == 0)
        {
            return builder;
        }
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = CallerOf(context.HttpContext);
            if (caller is null)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AccessOptions.ApiKeyHeader}\"";
                return Problems.Status(StatusCodes.Status401Unauthorized, "Not authenticated",
                    $"Send your API key in the {AccessOptions.ApiKeyHeader} header.");
            }
            if (!roles.Contains(caller.Role))
            {
                return Forbidden($"A {caller.Role} may not call this function.");
            }
            return await next(context);
        });
    }

    public static IResult Forbidden(string detail) => Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>
    /// Why a caller may not act on a programme that is not among theirs. The programme is named only when it is a
    /// programme of the reference data: anything else is not repeated.
    /// </summary>
    public static string NotYourProgramme(Caller caller, string programme, ReferenceData reference)
    {
        var yours = $"yours: {string.Join(", ", caller.Programmes.Order(StringComparer.Ordinal))}";
        return reference.Programmes.Find(programme) is not null
            ? $"Programme {programme} is not one of yours ({yours})."
            : $"The programme asked for is not one of yours ({yours}).";
    }
}
