using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Domain;

namespace Reporting.Http;

/// <summary>The service's problem+json answers.</summary>
internal static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");

    public static ValidationProblem Validation(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return Validation(errors);
    }

    public static ProblemHttpResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
