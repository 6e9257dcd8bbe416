using Microsoft.AspNetCore.Routing;
using Reporting.Domain;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Access;

/// <summary>
/// What every HTTP function does first and last, under whichever host runs it (the Functions host or the local
/// one): find the caller, spend one request of their budget (429 past it), let only the function's roles through
/// (401 without or with an unknown credential, 403 for another role), then run the function and answer 503 with
/// Retry-After when storage could not be reached. Programme-level checks happen where the record or report is
/// known (the services): a stored record or report the caller may not see answers 404, as one that does not exist;
/// what the caller asks for or sends (a programme not theirs) answers 403.
/// </summary>
internal sealed class FunctionGate(CallerResolver callers, RequestBudget budget, ILogger<FunctionGate> logger)
{
    public const int StorageRetryAfterSeconds = 5;

    /// <summary>A function anyone may call (the health check): budget and storage failures only.</summary>
    public Task<IResult> AnyoneAsync(HttpRequest request, Func<Task<IResult>> function) =>
        RunAsync(request, [], _ => function());

    /// <summary>A function only the given roles may call; it receives its caller.</summary>
    public async Task<IResult> RunAsync(HttpRequest request, IReadOnlyCollection<Role> roles, Func<Caller, Task<IResult>> function)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A trace per request: its method, its route and the caller's role; never a key, an id of a person or a body.
        using var activity = Diagnostics.Telemetry.Source.StartActivity("Request");
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("http.route", (request.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        var caller = callers.Resolve(request);
        activity?.SetTag("reporting.role", caller?.Role.ToString());
        if (RequestBudget.KeyOf(caller, request) is { } key && budget.Spend(key) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = RequestBudget.Seconds(wait);
            return Problems.Status(StatusCodes.Status429TooManyRequests, HttpTexts.TooManyRequestsTitle, HttpTexts.TooManyRequests);
        }
        if (roles.Count > 0)
        {
            if (caller is null)
            {
                request.HttpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AccessOptions.ApiKeyHeader}\"";
                // A key that matches none is told apart from no credential at all: the caller has one, and it is wrong.
                var sentKey = request.Headers[AccessOptions.ApiKeyHeader].ToString().Length > 0;
                return Problems.Status(StatusCodes.Status401Unauthorized, HttpTexts.NotAuthenticatedTitle,
                    (sentKey ? HttpTexts.UnknownCredential : HttpTexts.NoCredential).With(AccessOptions.ApiKeyHeader));
            }
            if (!roles.Contains(caller.Role))
            {
                return Forbidden(HttpTexts.RoleMayNot.With(NameOf(caller.Role)));
            }
        }
        try
        {
            return await function(caller!);
        }
        catch (Exception e) when ((StorageErrors.IsMissingSetup(e) || IsStorageUnavailable(e)) && !request.HttpContext.Response.HasStarted)
        {
            // Storage lost a table or container that was created before (an emulator restarted empty): the storage
            // client has already made every setup run again on its next use; this caller sends the request again.
            // Storage's errors name the operation and its keys (pseudonymous ids), never a record's content.
            logger.LogWarning(e, "Storage unavailable; answered 503");
            request.HttpContext.Response.Headers.RetryAfter = StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, HttpTexts.StorageUnavailableTitle,
                HttpTexts.StorageUnavailable.With(StorageRetryAfterSeconds));
        }
    }

    /// <summary>
    /// Whether an exception says storage could not be reached or is overloaded (after the client's own retries,
    /// which end in an AggregateException of the attempts), as opposed to a bug or a refused request.
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException => true,
        // The retries' failures; the last try may have been cut by a timeout rather than refused.
        AggregateException { InnerExceptions: var inner } =>
            inner.Any(IsStorageUnavailable) && inner.All(e => IsStorageUnavailable(e) || e is OperationCanceledException),
        _ => false,
    };

    public static IResult Forbidden(Message detail) => Problems.Status(StatusCodes.Status403Forbidden, HttpTexts.ForbiddenTitle, detail);

    private static Message NameOf(Role role) => role switch
    {
        Role.FieldWorker => HttpTexts.FieldWorker,
        Role.Coordinator => HttpTexts.Coordinator,
        _ => HttpTexts.Funder,
    };

    /// <summary>
    /// Why a caller may not act on a programme that is not among theirs. The programme is named only when it is a
    /// programme of the reference data: anything else is not repeated.
    /// </summary>
    public static Message NotYourProgramme(Caller caller, string programme, ReferenceData reference)
    {
        var yours = string.Join(", ", caller.Programmes.Order(StringComparer.Ordinal));
        return reference.Programmes.Find(programme) is not null
            ? HttpTexts.NotYourProgramme.With(programme, yours)
            : HttpTexts.NotYourProgrammeUnnamed.With(yours);
    }
}
