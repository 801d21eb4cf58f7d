namespace Cyclone.Core.Workflows;

/// <summary>Bounds on what one workflow may hold; larger graphs are refused before anything is stored.</summary>
public sealed record WorkflowLimits
{
    public static WorkflowLimits Default { get; } = new();

    /// <summary>Nodes per workflow. Default 200,000.</summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>Edges per workflow. Default 2,000,000.</summary>
    public int MaxEdges { get; init; } = 2_000_000;

    /// <summary>Characters in a node or port name. Default 200.</summary>
    public int MaxNameLength { get; init; } = 200;
}
