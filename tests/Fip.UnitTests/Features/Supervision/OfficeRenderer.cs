using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fip.UnitTests.Features.Supervision;

/// <summary>
/// Renders office files to PDF with LibreOffice (headless, a throwaway profile per conversion so parallel runs do not
/// collide) and reads the PDF back with poppler's pdfinfo and pdftotext. Missing tools fail the test: ./test.sh installs them.
/// </summary>
internal static class OfficeRenderer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Converts <paramref name="file"/> to a PDF beside it and returns the PDF's path.</summary>
    public static string ToPdf(string file)
    {
        var soffice = Require("soffice", "packages libreoffice-writer-nogui and libreoffice-calc-nogui");
        var profile = Path.Combine(Path.GetTempPath(), "fip-soffice-" + Guid.NewGuid().ToString("N"));
        var outDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        try
        {
            Run(soffice,
                ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    outDir, file]);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (DirectoryNotFoundException) { }
        }
        var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(file) + ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice did not write {pdf}");
        return pdf;
    }

    /// <summary>The number of pages, from pdfinfo.</summary>
    public static int Pages(string pdf)
    {
        var info = Run(Require("pdfinfo", "package poppler-utils"), [pdf]);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The text of one page (1-based) or of all pages, laid out as printed.</summary>
    public static string Text(string pdf, int? page = null)
    {
        var args = new List<string> { "-layout", "-enc", "UTF-8" };
        if (page is { } p) args.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange([pdf, "-"]);
        return Run(Require("pdftotext", "package poppler-utils"), args);
    }

    /// <summary>Text without any white space, for finding phrases that may wrap across lines.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Require(string command, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
        if (found is null) Assert.Fail($"`{command}` is not installed: ./test.sh installs it (Debian {package}).");
        return found!;
    }

    private static string Run(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} did not finish within {Timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
