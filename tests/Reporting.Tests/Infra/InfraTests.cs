using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reporting.Access;
using Reporting.Ingestion;
using Reporting.Reports;
using Reporting.Storage;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infra;

/// <summary>infra/ builds and lints with the Bicep CLI, and sets exactly the settings the app and the host read.</summary>
public sealed class InfraTests
{
    private static string Template => Path.Combine(RepositoryRoot.Path, "infra", "main.bicep");

    private static string Bicep()
    {
        var package = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value;
        var bicep = Path.Combine(package!, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not restored at {bicep}.");
        // NuGet does not keep the executable bit.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return bicep;
    }

    private static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Bicep()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // No telemetry and no registry lookups: the machine has no internet.
        start.Environment["BICEP_TELEMETRY_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "bicep did not finish within two minutes");
        return (process.ExitCode, output.Result, errors.Result);
    }

    private static readonly Lazy<JsonNode> Compiled = new(() =>
    {
        var (code, output, errors) = Run("build", Template, "--stdout");
        Assert.True(code == 0, $"bicep build failed:\n{errors}");
        return JsonNode.Parse(output)!;
    });

    [Fact]
    public void TheTemplateBuildsAndLintsWithoutWarnings()
    {
        var (code, _, errors) = Run("lint", Template);

        Assert.True(code == 0, $"bicep lint failed:\n{errors}");
        Assert.DoesNotMatch(new Regex("(Warning|Error) ", RegexOptions.None, TimeSpan.FromSeconds(1)), errors);
        Assert.NotNull(Compiled.Value["resources"]);
    }

    private static IEnumerable<JsonObject> Resources() => Compiled.Value["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static JsonObject Resource(string type) => Resources().Single(r => r["type"]!.GetValue<string>() == type);

    private static List<string> AppSettings() =>
        [.. Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => s!["name"]!.GetValue<string>())];

    /// <summary>What the Functions host itself reads: its storage with the managed identity, and where telemetry goes.</summary>
    private static readonly string[] HostSettings =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    /// <summary>The settings a trigger names (<c>%ReportQueue%</c>): without them the host does not start the function.</summary>
    private static readonly string[] TriggerSettings = ["ReportQueue", "MonthlyReportsSchedule", "QuarterlyReportsSchedule", "YearlyReportsSchedule"];

    /// <summary>The app's options sections and the names of their settings (Section__Property).</summary>
    private static readonly Dictionary<string, Type> Sections = new()
    {
        [StorageOptions.Section] = typeof(StorageOptions),
        [AccessOptions.Section] = typeof(AccessOptions),
        [ReportOptions.Section] = typeof(ReportOptions),
        [IngestionOptions.Section] = typeof(IngestionOptions),
    };

    private static bool AppReads(string setting)
    {
        if (TriggerSettings.Contains(setting) || setting == "APPLICATIONINSIGHTS_CONNECTION_STRING")
        {
            return true;
        }
        var parts = setting.Split("__");
        return parts.Length == 2 && Sections.TryGetValue(parts[0], out var type)
            && type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true };
    }

    [Fact]
    public void EverySettingTheTemplateSetsIsReadAndEverySettingTheAppNeedsInAzureIsSet()
    {
        var settings = AppSettings();

        Assert.Equal(settings.Count, settings.Distinct().Count());
        var unread = settings.Where(s => !HostSettings.Contains(s) && !AppReads(s)).ToList();
        Assert.True(unread.Count == 0, "Set by the template, read by nobody: " + string.Join(", ", unread));
        // Without these the host cannot start, the app would look for the local emulator, or nobody could call it.
        string[] needed = [.. HostSettings, .. TriggerSettings, "Storage__AccountName", "Storage__Credential", "Storage__ManagedIdentityClientId", "Access__TrustClientPrincipal"];
        Assert.Empty(needed.Except(settings));
        // The template's own names for what the app names by default.
        var variables = Compiled.Value["variables"]!;
        Assert.Equal(ReportRequests.DefaultName, variables["reportQueue"]!.GetValue<string>());
        Assert.Contains(Resources(), r => r["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts/blobServices/containers"
            && r["name"]!.GetValue<string>().Contains($"'{new StorageOptions().WorkbookContainer}'", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTemplatesScheduleDefaultsAreTheAppsDefaults()
    {
        var parameters = Compiled.Value["parameters"]!;
        foreach (var (setting, schedule, _) in Reporting.Timers.TimerSchedule.Settings)
        {
            var parameter = char.ToLowerInvariant(setting[0]) + setting[1..];
            Assert.Equal(schedule, parameters[parameter]!["defaultValue"]!.GetValue<string>());
        }
    }

    [Fact]
    public void TheAppRunsOnFlexConsumptionWithAManagedIdentityAndNoStorageKeys()
    {
        var plan = Resource("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        var app = Resource("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", app["kind"]!.GetValue<string>());
        var runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        var storage = Resource("Microsoft.Storage/storageAccounts");
        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());

        // The data roles, and nothing more: Blob Data Owner, Blob Data Contributor, Queue Data Contributor, Table Data Contributor.
        var text = Compiled.Value.ToJsonString();
        var roles = Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"], roles);
        Assert.DoesNotContain("listKeys", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AzdDeploysTheFunctionsProjectWithThisTemplate()
    {
        var azure = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));
        Assert.Contains("project: ./src/Reporting", azure, StringComparison.Ordinal);
        Assert.Contains("host: function", azure, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'api'", File.ReadAllText(Template), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "infra", "bicepconfig.json")));
    }
}
