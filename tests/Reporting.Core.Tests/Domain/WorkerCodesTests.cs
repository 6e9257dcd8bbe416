using System.Text.Json.Nodes;
using Reporting.Domain;
using Reporting.Tests.Support;

namespace Reporting.Core.Tests.Domain;

public sealed class WorkerCodesTests
{
    private static Dictionary<string, string[]> EntryErrors(string programme, string workerCode)
    {
        var errors = new ValidationErrors();
        Samples.Reader().ReadEntry(Samples.Entry().With("programme", programme).With("workerCode", workerCode).ToElement(), errors);
        return errors.ToDictionary();
    }

    [Theory]
    [InlineData("BAR", "BAR-07")]
    [InlineData("BAR", "BAR-1234")]
    [InlineData("CHW", "CHW-3")]
    [InlineData("PGBM", "PGBM-12")]
    [InlineData("GA", "GA-101")]
    public void AWorkerCodeIsTheProgrammesCodeADashAndANumber(string programme, string code)
    {
        Assert.Empty(EntryErrors(programme, code));
    }

    [Theory]
    [InlineData("85073-003328")]
    [InlineData("Jan-Janssens")]
    [InlineData("JAN-JANSSENS")]
    [InlineData("bar-07")]
    [InlineData("Bar-07")]
    [InlineData("BAR07")]
    [InlineData("BAR-")]
    [InlineData("BAR-12345")]
    [InlineData("BAR-07-2")]
    [InlineData("BAR 07")]
    [InlineData("BAR_07")]
    [InlineData("ＢＡＲ-０７")]
    [InlineData("BAR\u200B-07")]
    [InlineData("BAR\u2013" + "07")]
    [InlineData("BAR-\u0660\u0667")]
    [InlineData("CHW-07")]
    [InlineData("0470123456")]
    [InlineData("jan@example.be")]
    public void AnythingElseIsRefusedSayingWhatToSend(string code)
    {
        var errors = EntryErrors("BAR", code);

        // The message says what to send and never repeats what was sent.
        Assert.Equal(["$.workerCode"], errors.Keys);
        Assert.EndsWith("A worker code of a BAR record is BAR, a dash and a number of 1 to 4 digits, such as BAR-07.", Assert.Single(errors["$.workerCode"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("85073-003328", "national register number")]
    [InlineData("0470-123456", "phone number")]
    public void PersonalDataTypedAsAWorkerCodeIsNamedAndNotRepeated(string code, string kind)
    {
        var message = Assert.Single(EntryErrors("BAR", code)["$.workerCode"]);

        Assert.Contains(kind, message, StringComparison.Ordinal);
        Assert.DoesNotContain(code[..4], message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAnInvalidProgrammeOnlyTheShapeIsChecked()
    {
        Assert.Equal(["$.programme"], EntryErrors("XYZ", "CHW-03").Keys);
        var errors = EntryErrors("XYZ", "chw-03");
        Assert.Equal(["$.programme", "$.workerCode"], errors.Keys);
        Assert.Equal(["A worker code is the programme's code, a dash and a number of 1 to 4 digits, such as BAR-07."], errors["$.workerCode"]);
    }

    [Fact]
    public void EachWorkerCodeOfAnActivityIsCheckedAgainstItsProgramme()
    {
        var errors = new ValidationErrors();

        Samples.Reader().ReadActivity(Samples.Activity().With("workerCodes", new JsonArray("BAR-07", "CHW-03", "BAR-12", "Jan-Janssens", 7)).ToElement(), errors);

        var found = errors.ToDictionary();
        Assert.Equal(["$.workerCodes[1]", "$.workerCodes[3]", "$.workerCodes[4]"], found.Keys);
        Assert.All(found.Values, messages => Assert.Equal(["A worker code of a BAR record is BAR, a dash and a number of 1 to 4 digits, such as BAR-07."], messages));
    }

    [Fact]
    public void AWorkerCodeOfAnyLengthIsRefusedWithTheRule()
    {
        var errors = new ValidationErrors();
        var text = string.Concat(Enumerable.Repeat("0470 12 34 56 jan@example.be ", 5_000));

        Samples.Reader().ReadActivity(Samples.Activity().With("workerCodes", new JsonArray("BAR-07", text)).ToElement(), errors);

        Assert.Equal(["A worker code of a BAR record is BAR, a dash and a number of 1 to 4 digits, such as BAR-07."], errors.ToDictionary()["$.workerCodes[1]"]);
    }

    [Fact]
    public void AnActivityOfAnotherProgrammeTakesThatProgrammesCodes()
    {
        var errors = new ValidationErrors();

        var activity = Samples.Reader().ReadActivity(Samples.Activity().With("programme", "PGBM").With("workerCodes", new JsonArray("PGBM-12", "PGBM-3")).ToElement(), errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["PGBM-12", "PGBM-3"], activity!.WorkerCodes);
    }
}
