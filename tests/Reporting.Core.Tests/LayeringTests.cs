using Reporting.Tests.Support;

namespace Reporting.Core.Tests;

/// <summary>Inside the core, references run one way too: the domain, then aggregation, then disclosure control, then workbooks.</summary>
public sealed class LayeringTests
{
    private static IEnumerable<(string File, string Text)> Sources(string folder, bool nested) =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "Reporting.Core", folder), "*.cs", nested ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void TheDomainUsesNeitherAggregationNorWorkbooks()
    {
        var sources = Sources("Domain", nested: false).ToList();

        Assert.NotEmpty(sources);
        // Inside namespace Reporting.Domain, "Aggregation." alone would name the child namespace too.
        Assert.All(sources, s => Assert.False(s.Text.Contains("Aggregation.", StringComparison.Ordinal) || s.Text.Contains("Reporting.Workbooks", StringComparison.Ordinal), s.File));
    }

    [Fact]
    public void DisclosureControlDoesNotUseWorkbooks()
    {
        var sources = Sources("Disclosure", nested: true).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.False(s.Text.Contains("Reporting.Workbooks", StringComparison.Ordinal), s.File));
    }

    [Fact]
    public void AggregationDoesNotUseWorkbooks()
    {
        var sources = Sources(Path.Combine("Domain", "Aggregation"), nested: true).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.False(s.Text.Contains("Reporting.Workbooks", StringComparison.Ordinal) || s.Text.Contains("Reporting.Disclosure", StringComparison.Ordinal), s.File));
    }
}
