namespace Cyclone.Core.Workflows;

/// <summary>One thing wrong with a workflow: where (a node, an edge, a field) and what.</summary>
public sealed record WorkflowProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}
