using System.Reflection;
using System.Text.RegularExpressions;
using Reporting.Domain;
using Reporting.Http;

namespace Reporting.Tests.Http;

/// <summary>Every word of the HTTP answers exists in English, Dutch and French, with the same arguments in each.</summary>
public sealed partial class HttpTextsTests
{
    public static TheoryData<string> Templates() => [.. Fields().Select(f => f.Name)];

    private static IEnumerable<FieldInfo> Fields() =>
        typeof(HttpTexts).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(MessageTemplate));

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryTemplateIsSaidInThreeLanguagesWithTheSameArguments(string name)
    {
        var template = (MessageTemplate)Fields().Single(f => f.Name == name).GetValue(null)!;
        var english = template.In(ReportLanguage.En);

        foreach (var language in new[] { ReportLanguage.Nl, ReportLanguage.Fr })
        {
            var text = template.In(language);
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.Equal(Placeholders(english), Placeholders(text));
            // Header names, routes and codes stay; the words around them do not.
            Assert.NotEqual(english, text);
        }
        var args = Placeholders(english).Select(i => (object?)$"<{i}>").ToArray();
        Assert.All(Enum.GetValues<ReportLanguage>(), language => Assert.All(Placeholders(english),
            i => Assert.Contains($"<{i}>", template.With(args).In(language), StringComparison.Ordinal)));
    }

    private static int[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
