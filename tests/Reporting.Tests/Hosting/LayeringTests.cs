using System.Text.RegularExpressions;
using System.Xml.Linq;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>
/// The layers are facts: the projects reference each other one way (core, storage, the Functions app, the local
/// host), and inside the Functions app
/// no folder depends on a folder that depends on it.
/// </summary>
public sealed partial class LayeringTests
{
    private static string Src => Path.Combine(RepositoryRoot.Path, "src");

    private static XDocument Project(string name) => XDocument.Load(Path.Combine(Src, name, name + ".csproj"));

    private static List<string> References(XDocument project, string item) =>
        [.. project.Descendants(item).Select(e => (string?)e.Attribute("Include") ?? "").Select(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/')))];

    [Fact]
    public void TheCoreReferencesNoProjectNoAzureAndNoAspNetCore()
    {
        var core = Project("Reporting.Core");

        Assert.Equal("Microsoft.NET.Sdk", (string?)core.Root!.Attribute("Sdk"));
        Assert.Empty(References(core, "ProjectReference"));
        Assert.Empty(References(core, "FrameworkReference"));
        Assert.DoesNotContain(References(core, "PackageReference"), p => p.StartsWith("Azure", StringComparison.Ordinal) || p.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || p.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
    }

    [Fact]
    public void StorageReferencesTheCoreOnlyAndNoAspNetCore()
    {
        var storage = Project("Reporting.Storage");

        Assert.Equal("Microsoft.NET.Sdk", (string?)storage.Root!.Attribute("Sdk"));
        Assert.Equal(["Reporting.Core"], References(storage, "ProjectReference"));
        Assert.Empty(References(storage, "FrameworkReference"));
    }

    [Fact]
    public void TheServiceReferencesStorageAndTheCore()
    {
        Assert.Equal(["Reporting.Core", "Reporting.Storage"], References(Project("Reporting"), "ProjectReference").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheLocalHostReferencesTheFunctionsAppAndNothingButTestsAndTheBenchmarkReferencesIt()
    {
        Assert.Equal(["Reporting"], References(Project("Reporting.LocalHost"), "ProjectReference"));
        foreach (var project in Directory.GetFiles(Src, "*.csproj", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("Reporting.LocalHost", References(XDocument.Load(project), "ProjectReference"));
        }
    }

    [Fact]
    public void NoFolderOfTheServiceDependsOnAFolderThatDependsOnIt()
    {
        var root = Path.Combine(Src, "Reporting");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToHashSet(StringComparer.Ordinal);
        var uses = folders.ToDictionary(f => f!, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder!), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match m in NamespaceUse().Matches(File.ReadAllText(file)))
                {
                    var used = m.Groups[1].Value;
                    if (used != folder && folders.Contains(used))
                    {
                        uses[folder!].Add(used);
                    }
                }
            }
        }

        var cycles = new List<string>();
        foreach (var (folder, used) in uses)
        {
            foreach (var other in used.Where(o => Reaches(uses, o, folder)))
            {
                cycles.Add($"{folder} -> {other} -> … -> {folder}");
            }
        }
        Assert.True(cycles.Count == 0, string.Join("\n", cycles));
        // The scan sees what a folder uses: the composition root uses every feature.
        Assert.Superset(new HashSet<string>(["Ingestion", "Reports", "Timers", "Access"], StringComparer.Ordinal), uses["Hosting"]);
    }

    /// <summary>Whether <paramref name="to"/> is reached from <paramref name="from"/> along the uses.</summary>
    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var at))
        {
            if (at == to)
            {
                return true;
            }
            if (seen.Add(at))
            {
                foreach (var next in uses[at])
                {
                    stack.Push(next);
                }
            }
        }
        return false;
    }

    [GeneratedRegex(@"\bReporting\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex NamespaceUse();
}
