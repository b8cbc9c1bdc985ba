namespace Fip.Cli;

/// <summary>Entry point of `fip` (a named class, so it does not clash with the web app's Program in tests).</summary>
public static class CliProgram
{
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args, Console.Out, Console.Error);
}
