namespace Cyclone.Core.Workflows;

/// <summary>
/// A workflow graph read from its source file (native JSON or Nodeworks), before validation.
/// Readers keep the source's node order; nothing here is checked yet (see <c>WorkflowValidator</c>).
/// </summary>
public sealed class WorkflowDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary><c>native</c> or <c>nodeworks</c>.</summary>
    public required string Format { get; init; }

    public IReadOnlyList<WorkflowNode> Nodes { get; init; } = [];

    public IReadOnlyList<WorkflowEdge> Edges { get; init; } = [];

    /// <summary>Events that start a run of this workflow when pushed.</summary>
    public IReadOnlyList<string> TriggerEvents { get; init; } = [];
}
