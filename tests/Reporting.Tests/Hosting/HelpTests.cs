using System.Diagnostics;
using Reporting.Tests.Faults;
using Reporting.Tests.Support;

namespace Reporting.Tests.Hosting;

/// <summary>Each entry point a newcomer may start answers <c>--help</c> with what it is and how to run it.</summary>
public sealed class HelpTests
{
    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000));
        return (process.ExitCode, output.Result);
    }

    [Fact]
    public void TheLocalHostTheFunctionsAppAndRunShAnswerHelp()
    {
        var localHost = Run("dotnet", ServiceProcess.Assembly, "--help");
        var app = Run("dotnet", Path.Combine(Path.GetDirectoryName(ServiceProcess.Assembly)!, "Reporting.dll"), "--help");
        var script = Run("bash", Path.Combine(RepositoryRoot.Path, "run.sh"), "--help");

        Assert.Equal(0, localHost.Code);
        Assert.Contains("--hash-key", localHost.Output, StringComparison.Ordinal);
        Assert.Equal(0, app.Code);
        Assert.Contains("func start", app.Output, StringComparison.Ordinal);
        Assert.Equal(0, script.Code);
        Assert.Contains("Ctrl-C", script.Output, StringComparison.Ordinal);
    }
}
