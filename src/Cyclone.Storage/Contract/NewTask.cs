using Cyclone.Core.Resources;

namespace Cyclone.Storage.Contract;

/// <summary>
/// A validated task about to be stored: the scheduling fields in columns, what the agent needs
/// (<see cref="Payload"/>) beside them.
/// </summary>
public sealed record NewTask(
    int Index, string Name, NodeDemand Demand, int Nodes, int Priority, int MaxRetries, TimeSpan? TimeLimit, TaskPayload Payload);
