namespace Cyclone.Hub.Scheduling;

/// <summary>
/// An immutable picture of the live agents, published by the scheduler loop after each pass so that
/// API reads never touch the loop's state.
/// </summary>
public sealed record ClusterView(IReadOnlyList<LiveAgent> Agents, int ActiveTasks, int ReadyTasks)
{
    public static ClusterView Empty { get; } = new([], 0, 0);

    /// <summary>Task ids waiting for each event.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> EventWaiters { get; init; } = new Dictionary<string, IReadOnlyList<long>>();
}
