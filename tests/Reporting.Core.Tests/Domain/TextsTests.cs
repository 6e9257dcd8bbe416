using System.Reflection;
using System.Text.RegularExpressions;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

/// <summary>Every message of validation exists in English, Dutch and French, with the same arguments in each.</summary>
public sealed partial class TextsTests
{
    public static TheoryData<string> Templates() => [.. TemplatesOf(typeof(Texts)).Select(t => t.Name)];

    private static IEnumerable<(string Name, MessageTemplate Template)> TemplatesOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MessageTemplate))
            .Select(f => (f.Name, (MessageTemplate)f.GetValue(null)!));

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryTemplateIsSaidInThreeLanguagesWithTheSameArguments(string name)
    {
        var template = TemplatesOf(typeof(Texts)).Single(t => t.Name == name).Template;
        var english = template.In(ReportLanguage.En);
        var placeholders = Placeholders(english);

        foreach (var language in new[] { ReportLanguage.Nl, ReportLanguage.Fr })
        {
            var text = template.In(language);
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.NotEqual(english, text);
            Assert.Equal(placeholders, Placeholders(text));
        }
        var args = placeholders.Select(i => (object?)$"<{i}>").ToArray();
        foreach (var language in Enum.GetValues<ReportLanguage>())
        {
            var said = template.With(args).In(language);
            Assert.All(placeholders, i => Assert.Contains($"<{i}>", said, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AMessageArgumentIsSaidInTheSameLanguage()
    {
        var message = Texts.NameHoldsPersonalData.With(Texts.PersonalDataKind(PersonalData.PhoneNumber));

        Assert.Contains("een telefoonnummer", message.In(ReportLanguage.Nl), StringComparison.Ordinal);
        Assert.Contains("un numéro de téléphone", message.In(ReportLanguage.Fr), StringComparison.Ordinal);
        Assert.Contains("a phone number", message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMunicipalityGivenByNameIsAskedForItsNisCodeInEveryLanguage()
    {
        var errors = new ValidationErrors();
        Samples.Reader().ReadEntry(Samples.Entry().With("municipality", "Schaerbeek").Without("neighbourhood").ToElement(), errors);

        var (path, message) = Assert.Single(errors.Listed);
        Assert.Equal("$.municipality", path);
        Assert.Same(Texts.Municipality, message.Template);
        Assert.Equal(["Un code INS de la Région bruxelloise, par exemple 21015 (GET /api/reference en donne la liste)."], errors.ToDictionary(ReportLanguage.Fr)[path]);
        Assert.Equal(["Een NIS-code van het Brussels Gewest, zoals 21015 (GET /api/reference somt ze op)."], errors.ToDictionary(ReportLanguage.Nl)[path]);
        Assert.Equal(["A NIS code of the Brussels region, such as 21015 (GET /api/reference lists them)."], errors.ToDictionary()[path]);
    }

    [Fact]
    public void TheCountOfProblemsNotListedIsSaidInTheCallersLanguage()
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < ValidationErrors.MaxListed + 3; i++)
        {
            errors.Add($"$.x{i}", Texts.Required);
        }

        Assert.Equal("…en nog 3 problemen niet vermeld; verbeter de vermelde en stuur opnieuw.", errors.ToDictionary(ReportLanguage.Nl)["$"].Single());
        Assert.Equal("…et 3 problèmes de plus non listés ; corrigez ceux listés et renvoyez.", errors.ToDictionary(ReportLanguage.Fr)["$"].Single());
        Assert.Equal(["Verplicht."], errors.ToDictionary(ReportLanguage.Nl)["$.x0"]);
    }

    private static int[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
