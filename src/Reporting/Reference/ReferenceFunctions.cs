using Reporting.Domain;
using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Http;

namespace Reporting.Reference;

/// <summary><c>GET /api/reference</c>: every code list with its labels, so a form builder can draw its pick lists.</summary>
internal sealed class ReferenceFunctions(FunctionGate gate)
{
    // Reference data never changes while the service runs: each version's document is built once.
    private static readonly Dictionary<string, ReferenceDocument> Documents =
        ReferenceCatalog.Versions.ToDictionary(v => v.Version, ToDocument, StringComparer.Ordinal);

    [Function("GetReference")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference")] HttpRequest request) =>
        gate.RunAsync(request, [Role.FieldWorker, Role.Coordinator], _ =>
        {
            var version = request.Query["version"];
            var data = version.Count == 0 ? ReferenceCatalog.Current : ReferenceCatalog.Find(version.ToString());
            return Task.FromResult(data is null
                ? (IResult)Problems.Status(StatusCodes.Status404NotFound, HttpTexts.UnknownVersionTitle,
                    HttpTexts.UnknownVersion.With(string.Join(", ", ReferenceCatalog.Versions.Select(v => v.Version))))
                : TypedResults.Ok(Documents[data.Version]));
        });

    public sealed record LabelDto(string Nl, string Fr, string En);

    public sealed record CodeDto(string Code, LabelDto Labels, bool Retired);

    public sealed record PartDto(string Code, string Postcode, LabelDto Labels);

    public sealed record MunicipalityDto(string Code, LabelDto Labels, IReadOnlyList<PartDto> Parts);

    public sealed record NeighbourhoodDto(string Code, LabelDto Labels, string Municipality, bool Retired);

    public sealed record ReferenceDocument(
        string Version,
        DateOnly ValidFrom,
        IReadOnlyDictionary<string, IReadOnlyList<CodeDto>> CodeLists,
        IReadOnlyList<MunicipalityDto> Municipalities,
        IReadOnlyList<NeighbourhoodDto> Neighbourhoods);

    public static ReferenceDocument ToDocument(ReferenceData data) => new(
        data.Version,
        data.ValidFrom,
        data.CodeLists.ToDictionary(
            list => list.Name,
            list => (IReadOnlyList<CodeDto>)list.Codes.Select(c => new CodeDto(c.Value, Dto(c.Label), c.Retired)).ToList()),
        data.Municipalities.Select(m => new MunicipalityDto(m.Nis, Dto(m.Name), m.Parts.Select(p => new PartDto(p.Code, p.Postcode, Dto(p.Name))).ToList())).ToList(),
        data.Neighbourhoods.Select(n => new NeighbourhoodDto(n.Code, Dto(n.Name), n.Municipality, n.Retired)).ToList());

    private static LabelDto Dto(Label label) => new(label.Nl, label.Fr, label.En);
}
