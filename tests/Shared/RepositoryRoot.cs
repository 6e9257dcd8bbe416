namespace Reporting.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding Reporting.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Reporting.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Reporting.sln not found above " + AppContext.BaseDirectory);
    }
}
