using Cyclone.Agent.Executors;

namespace Cyclone.Cli;

/// <summary>Entry point of the <c>cyclone</c> command.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        // before anything starts a child: a SIGCHLD ignored by whoever started us would lose every task's exit status
        if (ChildSignals.EnsureDefault() is { } problem)
        {
            Console.Error.WriteLine($"cyclone: warning: {problem}");
        }

        return CycloneCommandLine.RunAsync(args);
    }
}
