namespace Cyclone.Hub.Api;

/// <summary>What a job asked for, kept with the job for display (the environment is left out).</summary>
public sealed record JobSpec(
    IReadOnlyList<string> Command, int Nodes, int ProcsPerNode, int CpusPerProc, string? Memory, int Gpus,
    string? TimeLimit, int Retries, IReadOnlyList<string> Labels, int Priority, string? WorkingDirectory, string? Task = null);
