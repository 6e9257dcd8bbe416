using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Domain;
using Reporting.Http;
using Reporting.Storage;

namespace Reporting.Ingestion;

/// <summary><c>GET /api/audit?programme=BAR&amp;max=100</c>: a programme's audit trail, newest first.</summary>
internal sealed class AuditFunctions(FunctionGate gate, AuditLog audit, ReferenceData reference)
{
    private const int MaxAuditEntries = 1000;

    [Function("ListAudit")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, [Role.Coordinator], async caller =>
        {
            // Query values are read here rather than bound, so that a wrong one is answered in the service's own
            // words, without repeating it. Asking for a programme that is not the caller's is about the request,
            // not about what is stored: it stays a 403.
            var programme = request.Query["programme"].ToString();
            var max = request.Query["max"];
            if (string.IsNullOrEmpty(programme))
            {
                return Problems.Validation("query programme", HttpTexts.AuditProgramme);
            }
            var count = 100;
            if (max.Count > 0 && !int.TryParse(max.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            {
                return Problems.Validation("query max", HttpTexts.AuditMax.With(MaxAuditEntries));
            }
            return caller.MayActOn(programme)
                ? TypedResults.Ok(new { entries = await audit.ListAsync(programme, Math.Clamp(count, 1, MaxAuditEntries), cancellationToken) })
                : FunctionGate.Forbidden(FunctionGate.NotYourProgramme(caller, programme, reference));
        });
}
