using System.Diagnostics;
using System.Text;

namespace Reporting.Tests.Support;

/// <summary>
/// LibreOffice run headless on a workbook file: every sheet exported to CSV (comma, double quotes, UTF-8; one
/// file per sheet, named "file-Sheet name.csv", which LibreOffice does from 7.2 on), with a fresh user profile
/// and a time limit. Fails when <c>soffice</c> is not installed: ./test.sh installs it.
/// </summary>
public static class LibreOffice
{
    /// <summary>
    /// CSV export filter options: separator 44 (,), text delimiter 34 ("), UTF-8 (76), from line 1, no column
    /// formats, default language, quoted fields not as text, detect special numbers, cell values (not as shown),
    /// no formulas, spaces kept, all sheets (-1).
    /// </summary>
    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

    /// <summary>The sheets of the workbook as LibreOffice reads them, by sheet name: rows of cell texts.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>>> ReadSheetsAsync(
        string xlsxPath, IEnumerable<string> sheetNames, TimeSpan timeout)
    {
        var work = Directory.CreateTempSubdirectory("reporting-lo-");
        try
        {
            var (output, log) = await ConvertAsync(xlsxPath, CsvFilter, work, timeout);
            var baseName = Path.GetFileNameWithoutExtension(xlsxPath);
            var sheets = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>();
            foreach (var sheet in sheetNames)
            {
                var csv = Path.Combine(output.FullName, $"{baseName}-{sheet}.csv");
                if (!File.Exists(csv))
                {
                    throw new InvalidOperationException(
                        $"LibreOffice wrote no {Path.GetFileName(csv)}; it wrote: {string.Join(", ", output.GetFiles().Select(f => f.Name))}\n{log}");
                }
                sheets[sheet] = ParseCsv(await File.ReadAllTextAsync(csv, Encoding.UTF8));
            }
            return sheets;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The workbook printed to PDF as LibreOffice prints it (page setup, headers and footers, charts).</summary>
    public static async Task<byte[]> PrintToPdfAsync(string xlsxPath, TimeSpan timeout)
    {
        var work = Directory.CreateTempSubdirectory("reporting-lo-");
        try
        {
            var (output, log) = await ConvertAsync(xlsxPath, "pdf", work, timeout);
            var pdf = Path.Combine(output.FullName, Path.GetFileNameWithoutExtension(xlsxPath) + ".pdf");
            return File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf) : throw new InvalidOperationException($"LibreOffice wrote no PDF.\n{log}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>soffice --convert-to</c> with a fresh profile in <paramref name="work"/>; returns the output folder and the log.</summary>
    private static async Task<(DirectoryInfo Output, string Log)> ConvertAsync(string xlsxPath, string filter, DirectoryInfo work, TimeSpan timeout)
    {
        var soffice = Find("soffice")
            ?? throw new InvalidOperationException("LibreOffice (soffice) is not on PATH; ./test.sh installs it (ensure_libreoffice in scripts/tools.sh).");
        var output = Directory.CreateDirectory(Path.Combine(work.FullName, "out"));
        var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList =
            {
                "-env:UserInstallation=" + profile, "--headless", "--norestore", "--nolockcheck",
                "--convert-to", filter, "--outdir", output.FullName, xlsxPath,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A known locale, so that numbers come back with a decimal point.
        start.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"LibreOffice did not convert {xlsxPath} within {timeout}.");
            }
        }
        var log = $"exit code {process.ExitCode}\n{await stdout}\n{await stderr}";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("LibreOffice failed: " + log);
        }
        return (output, log);
    }

    /// <summary>RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseCsv(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    private static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
