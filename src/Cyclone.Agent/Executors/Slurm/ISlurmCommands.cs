namespace Cyclone.Agent.Executors.Slurm;

/// <summary>Runs Slurm's commands (<c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>, <c>sacct</c>, <c>scancel</c>); a fake in unit tests.</summary>
public interface ISlurmCommands
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/>; with <paramref name="environment"/>, the command gets
    /// exactly that environment (else the agent's own, without its secrets).
    /// </summary>
    Task<SlurmCommandResult> RunAsync(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken ct);
}
