namespace Cyclone.Protocol.Rest;

/// <summary>Where a workflow run stands: the run's job and each node's task, with counts by state.</summary>
public sealed record RunStatusDto
{
    public long RunId { get; init; }

    public string? Workflow { get; init; }

    public string? Commit { get; init; }

    public string State { get; init; } = "";

    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    public JobDto Job { get; init; } = new();

    /// <summary>Each node: its task, by node name.</summary>
    public IReadOnlyList<TaskDto> Nodes { get; init; } = [];
}
