namespace Cyclone.Core.Workflows;

/// <summary>
/// A node kind the hub knows: its ports and how a node of this kind runs — a typed task class
/// (<see cref="TaskClass"/>, run by an agent's typed executor) or a command template
/// (<see cref="CommandTemplate"/>, whose <c>{input}</c> placeholders are filled from the node's inputs).
/// </summary>
public sealed record NodeKindInfo(
    string Kind, IReadOnlyList<WorkflowPort> Inputs, IReadOnlyList<WorkflowPort> Outputs,
    string? TaskClass = null, IReadOnlyList<string>? CommandTemplate = null);
