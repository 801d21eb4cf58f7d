namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>How a <c>cyclone</c> command ended and what it printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
