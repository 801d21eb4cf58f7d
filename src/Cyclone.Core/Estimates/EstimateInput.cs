using Cyclone.Core.Tasks;

namespace Cyclone.Core.Estimates;

/// <summary>
/// One task of a run as the estimator needs it: its position, the key its past durations are kept under (the
/// workflow node's or the task's name), where it stands, and the positions of the tasks it waits for.
/// </summary>
public sealed record EstimateInput(
    int Index, string Key, TaskState State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<int> Upstream);
