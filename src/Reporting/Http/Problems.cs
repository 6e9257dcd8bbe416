using Microsoft.Net.Http.Headers;
using Reporting.Domain;

namespace Reporting.Http;

/// <summary>
/// The service's problem+json answers. They are made of <see cref="Message"/>s and said when the answer is written,
/// in the language the caller asked for (<see cref="Languages"/>): the title, the detail and every message of
/// <c>errors</c>. The keys of <c>errors</c> (field paths), the status and the <c>type</c> are the same in every language.
/// </summary>
internal static class Problems
{
    public static ProblemAnswer Validation(ValidationErrors errors) =>
        new(StatusCodes.Status400BadRequest, HttpTexts.InvalidFieldsTitle, null, errors);

    public static ProblemAnswer Validation(string path, Message message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return Validation(errors);
    }

    public static ProblemAnswer Status(int status, Message title, Message detail, ValidationErrors? errors = null) =>
        new(status, title, detail, errors);

    /// <summary>
    /// The <c>type</c> of the statuses ASP.NET Core has none for (its own defaults give the others their RFC 9110
    /// section): the section of the RFC that defines the status.
    /// </summary>
    public static string? TypeOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status428PreconditionRequired => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        _ => null,
    };

    /// <summary>
    /// What every problem answer gets as it is written, the framework's own too (an unknown route, an unhandled
    /// exception): a <c>type</c> where ASP.NET Core gives none, and, when no answer of ours said its language yet, the
    /// title in the caller's language and <c>Content-Language</c>.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Type ??= TypeOf(status);
        var response = context.HttpContext.Response;
        if (!response.Headers.ContainsKey(HeaderNames.ContentLanguage))
        {
            var language = Languages.Of(context.HttpContext.Request);
            if (HttpTexts.TitleOf(status) is { } title)
            {
                context.ProblemDetails.Title = title.In(language);
            }
            Languages.Tell(response, language);
        }
    }
}

/// <summary>A problem+json answer not yet in words: said in the caller's language when it is written.</summary>
internal sealed class ProblemAnswer(int status, Message title, Message? detail, ValidationErrors? errors) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public Message Title => title;

    public Message? Detail => detail;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var language = Languages.Of(httpContext.Request);
        Languages.Tell(httpContext.Response, language);
        var listed = errors?.ToDictionary(language);
        IResult answer = detail is null && listed is not null
            ? TypedResults.ValidationProblem(listed, title: title.In(language), type: Problems.TypeOf(status))
            : TypedResults.Problem(detail?.In(language), statusCode: status, title: title.In(language), type: Problems.TypeOf(status),
                extensions: listed is null ? null : new Dictionary<string, object?> { ["errors"] = listed });
        return answer.ExecuteAsync(httpContext);
    }
}
