using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

public sealed partial class PersonalDataTests
{
    /// <summary>Every line of PersonalDataCorpus/refused.txt, with the kind of its heading.</summary>
    public static TheoryData<string, string> Refused()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, text) in Corpus("refused.txt"))
        {
            data.Add(kind ?? throw new InvalidOperationException($"'{text}' stands under no [kind] heading."), text);
        }
        return data;
    }

    /// <summary>Every line of PersonalDataCorpus/passes.txt: ordinary activity names.</summary>
    public static TheoryData<string> Passes() => new(Corpus("passes.txt").Select(line => line.Text));

    [Theory]
    [MemberData(nameof(Refused))]
    public void PersonalDataIsRecognisedHoweverItIsTyped(string kind, string text)
    {
        Assert.Equal(kind, PersonalData.Find(text));
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public void OrdinaryActivityNamesAreNotTakenForPersonalData(string text)
    {
        Assert.Null(PersonalData.Find(text));
    }

    [Fact]
    public void TheCorpusHoldsAHundredTextsToRefuseOfEveryKindAndFiftyNamesToPass()
    {
        Assert.InRange(Corpus("refused.txt").Count, 100, int.MaxValue);
        Assert.InRange(Corpus("passes.txt").Count, 50, int.MaxValue);
        Assert.Equal(
            [PersonalData.PhoneNumber, PersonalData.NationalNumber, PersonalData.EmailAddress, PersonalData.AccountNumber],
            Corpus("refused.txt").Select(line => line.Kind).Distinct());
    }

    [Theory]
    [InlineData("０４７０\u3000１２\u200B３４", "0470 1234")]
    [InlineData("jan＠ｅｘａｍｐｌｅ．ｂｅ", "jan@example.be")]
    [InlineData("\u0660\u0664\u0667\u0660\u00A0\u2009\u06F1\u06F2\u2013\u0969\u096A", "0470 12-34")]
    [InlineData("So\u00ADciale \u202F stand\u200D", "Sociale stand")]
    [InlineData("e\u0301te\u0301 \u2212 A\u20DD", "été - A")]
    public void NormalisingFoldsWhatHidesAValue(string text, string normalised)
    {
        Assert.Equal(normalised, PersonalData.Normalise(text));
    }

    [Fact]
    public void HalfASurrogatePairDoesNotStopTheCheck()
    {
        Assert.Equal(PersonalData.PhoneNumber, PersonalData.Find("\uD800 0470 12 34 56"));
    }

    [Fact]
    public void AnActivityNameWithAPhoneNumberIsRefusedWithoutRepeatingIt()
    {
        var errors = new ValidationErrors();

        var activity = Samples.Reader().ReadActivity(Samples.Activity().With("name", "Bel mevrouw op 0470 12 34 56").ToElement(), errors);

        Assert.Null(activity);
        var message = Assert.Single(errors.ToDictionary()["$.name"]);
        Assert.Contains("phone number", message);
        Assert.DoesNotContain("0470", message);
    }

    [Theory]
    [InlineData("Stand 0470\u200B12\u200B34\u200B56", "phone number")]
    [InlineData("Info jan(at)example.be", "e-mail address")]
    [InlineData("Dossier ８５.０７.３０-０３３.２８", "national register number")]
    public void AnActivityNameWithPersonalDataInDisguiseIsRefused(string name, string kind)
    {
        var errors = new ValidationErrors();

        var activity = Samples.Reader().ReadActivity(Samples.Activity().With("name", name).ToElement(), errors);

        Assert.Null(activity);
        var message = Assert.Single(errors.ToDictionary()["$.name"]);
        Assert.Contains(kind, message);
        Assert.DoesNotContain("example", message);
        Assert.DoesNotContain("12", message);
    }

    [Fact]
    public void APhoneNumberIsNoWorkerCode()
    {
        var errors = new ValidationErrors();

        Samples.Reader().ReadEntry(Samples.Entry().With("workerCode", "0470123456").ToElement(), errors);

        Assert.Equal(["$.workerCode"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void AnEmailTypedIntoACodeFieldIsNotEchoed()
    {
        var errors = new ValidationErrors();

        Samples.Reader().ReadEntry(Samples.Entry().With("firstContact", "someone@example.org").ToElement(), errors);

        Assert.DoesNotContain("example.org", errors.ToDictionary()["$.firstContact"][0]);
    }

    [Fact]
    public void APhoneNumberInDisguiseTypedIntoACodeFieldIsNotEchoed()
    {
        var errors = new ValidationErrors();

        Samples.Reader().ReadEntry(Samples.Entry().With("place", "0470\u200B12\u200B34\u200B56").ToElement(), errors);

        Assert.DoesNotContain("0470", errors.ToDictionary()["$.place"][0]);
    }

    /// <summary>
    /// The texts of a corpus file, with the [kind] heading they stand under: blank lines and lines starting with #
    /// skipped, \uXXXX and \\ decoded.
    /// </summary>
    private static List<(string? Kind, string Text)> Corpus(string file)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["phone"] = PersonalData.PhoneNumber,
            ["national number"] = PersonalData.NationalNumber,
            ["e-mail"] = PersonalData.EmailAddress,
            ["account"] = PersonalData.AccountNumber,
        };
        var path = Path.Combine(RepositoryRoot.Path, "tests", "Reporting.Core.Tests", "Domain", "PersonalDataCorpus", file);
        var lines = new List<(string?, string)>();
        string? kind = null;
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                kind = kinds[line[1..^1]];
                continue;
            }
            lines.Add((kind, Escape().Replace(line, m => m.Value == @"\\" ? @"\" : ((char)int.Parse(m.Value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())));
        }
        return lines;
    }

    [GeneratedRegex(@"\\\\|\\u[0-9A-Fa-f]{4}")]
    private static partial Regex Escape();
}
