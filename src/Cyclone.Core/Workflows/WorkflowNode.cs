using System.Text.Json.Nodes;

namespace Cyclone.Core.Workflows;

/// <summary>
/// One node of a workflow: what runs (<see cref="Kind"/>), its ports, the stored values of its
/// unconnected inputs (<see cref="Parameters"/>) and what it needs to run.
/// </summary>
public sealed class WorkflowNode
{
    /// <summary>The kind of a node that runs <see cref="Command"/>.</summary>
    public const string CommandKind = "command";

    /// <summary>The kind of a node that waits for the event named <see cref="Event"/> and outputs its data as <c>data</c>.</summary>
    public const string EventKind = "event";

    /// <summary>Unique within its workflow.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// <see cref="CommandKind"/>, <see cref="EventKind"/>, or a kind from the node kind catalog such as
    /// <c>math.Power</c> (a Nodeworks <c>path</c> joined with dots).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Where the node came from in the source file (e.g. <c>nodes[2]</c> or its Nodeworks name), for messages.</summary>
    public string Where { get; init; } = "";

    /// <summary>Program and arguments of a command node.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The event an event node waits for.</summary>
    public string? Event { get; init; }

    /// <summary>Inputs the node declares (a catalog kind's own ports are used when this is empty).</summary>
    public IReadOnlyList<WorkflowPort> Inputs { get; init; } = [];

    /// <summary>Outputs the node declares.</summary>
    public IReadOnlyList<WorkflowPort> Outputs { get; init; } = [];

    /// <summary>Fixed input values, by input name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>What the node needs and how it runs.</summary>
    public WorkflowNodeResources Resources { get; init; } = WorkflowNodeResources.Default;
}
