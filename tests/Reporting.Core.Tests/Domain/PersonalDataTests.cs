using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("Stand met jan.peeters@example.be", "an e-mail address")]
    [InlineData("Bel 0470 12 34 56", "a phone number")]
    [InlineData("02/123.45.67", "a phone number")]
    [InlineData("+32 470 12 34 56", "a phone number")]
    [InlineData("85.07.30-033.28", "a national register number")]
    [InlineData("rijksregister 85073003328", "a national register number")]
    [InlineData("born 2001: 01010112345", null)]
    public void PersonalDataIsRecognised(string text, string? kind)
    {
        // 85073003328: 850730033 mod 97 = 69, 97 - 69 = 28. 01010112345 fails both checks.
        Assert.Equal(kind, PersonalData.Find(text));
    }

    [Theory]
    [InlineData("Sociale stand markt Sint-Servaasplein")]
    [InlineData("Buurtfeest 21 juni 2022")]
    [InlineData("Infosessie energie 2022-10-04, 14u-16u")]
    [InlineData("BRI-Co 1030 Schaarbeek")]
    public void OrdinaryActivityNamesAreNotTakenForPersonalData(string text)
    {
        Assert.Null(PersonalData.Find(text));
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
}
