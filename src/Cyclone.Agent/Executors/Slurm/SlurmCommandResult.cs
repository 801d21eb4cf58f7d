namespace Cyclone.Agent.Executors.Slurm;

/// <summary>How one Slurm command ended: its exit status and what it printed.</summary>
public sealed record SlurmCommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>What went wrong, for a message: the command's error output, else its output.</summary>
    public string Problem => (Stderr.Trim() is { Length: > 0 } e ? e : Stdout.Trim()) is { Length: > 0 } p ? p : $"exit code {ExitCode}";
}
