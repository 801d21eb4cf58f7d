namespace Cyclone.Core.Workflows;

/// <summary>
/// What a node needs and how it runs, in the same terms as a job submission: <see cref="Memory"/> and
/// <see cref="TimeLimit"/> use Slurm's notation and are checked by the validator.
/// </summary>
public sealed record WorkflowNodeResources
{
    public static WorkflowNodeResources Default { get; } = new();

    public int Nodes { get; init; } = 1;

    public int ProcsPerNode { get; init; } = 1;

    public int CpusPerProc { get; init; } = 1;

    public string? Memory { get; init; }

    public int Gpus { get; init; }

    public string? TimeLimit { get; init; }

    public int Retries { get; init; }

    public int Priority { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
