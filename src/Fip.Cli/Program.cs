namespace Fip.Cli;

/// <summary>Entry point of `fip` (a named class, so it does not clash with the web app's Program in tests).</summary>
public static class CliProgram
{
    public static Task<int> Main(string[] args) =>
        // The policy commands need no configuration, host or database: they go straight to the parser library.
        args.Length > 0 && args[0] == "policy"
            ? Task.FromResult(PolicyCommands.Run(args, Console.Out, Console.Error))
            : CommandLine.RunAsync(args, Console.Out, Console.Error, ownProcess: true);
}
