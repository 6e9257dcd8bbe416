using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Reporting.Bench;

/// <summary>What the figures were measured on.</summary>
internal static class Machine
{
    public static string Describe(string repository)
    {
        var cpu = LineValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = LineValue("/proc/meminfo", "MemTotal") is { } total
            ? long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / 1024.0 / 1024.0
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memory:F1} GiB memory, {os ?? RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, Azurite {AzuriteVersion(repository)} in memory");
    }

    private static string? LineValue(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string AzuriteVersion(string repository)
    {
        var manifest = Path.Combine(repository, "node_modules", "azurite", "package.json");
        if (!File.Exists(manifest))
        {
            return "?";
        }
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
