namespace Cyclone.Cli;

/// <summary>Entry point of the <c>cyclone</c> command.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CycloneCommandLine.RunAsync(args);
}
