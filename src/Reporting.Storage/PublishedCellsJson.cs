using System.Globalization;
using System.Text.Json;
using Reporting.Disclosure;
using Reporting.Domain.Aggregation;

namespace Reporting.Storage;

/// <summary>
/// What a funder's workbook published, kept beside it (<c>{workbook}.cells.json</c>) for the audits of the
/// workbooks that come after it in its family. Never served: it names which hidden counts are small.
/// </summary>
internal static class PublishedCellsJson
{
    private sealed record Dto(string Report, string Kind, string From, string To, bool Split, int Threshold,
        Dictionary<string, long> Shown, List<string> Hidden, List<string> Protected, List<string>? Withheld);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Write(PublishedCells cells) => JsonSerializer.SerializeToUtf8Bytes(new Dto(
        cells.Report, cells.Kind.ToString(), Date(cells.From), Date(cells.To), cells.SplitBrussels, cells.Threshold,
        new Dictionary<string, long>(cells.Shown, StringComparer.Ordinal), [.. cells.Hidden.Order(StringComparer.Ordinal)],
        [.. cells.Protected.Order(StringComparer.Ordinal)], [.. cells.LeftOut.Order(StringComparer.Ordinal)]), Options);

    public static PublishedCells Read(BinaryData json)
    {
        var dto = json.ToObjectFromJson<Dto>(Options) ?? throw new InvalidDataException("An empty record of published cells.");
        return new PublishedCells(dto.Report, Enum.Parse<PeriodKind>(dto.Kind), Parse(dto.From), Parse(dto.To), dto.Split, dto.Threshold,
            dto.Shown, dto.Hidden.ToHashSet(StringComparer.Ordinal), dto.Protected.ToHashSet(StringComparer.Ordinal),
            (dto.Withheld ?? []).ToHashSet(StringComparer.Ordinal));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
