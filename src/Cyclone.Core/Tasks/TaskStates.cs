namespace Cyclone.Core.Tasks;

/// <summary>The rules of the task state machine and the wire names of its states.</summary>
public static class TaskStates
{
    private static readonly string[] WireNames =
        ["BLOCKED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "UPSTREAM_FAILED"];

    /// <summary>All states, in declaration order.</summary>
    public static IReadOnlyList<TaskState> All { get; } = Enum.GetValues<TaskState>();

    /// <summary>True for the states a task never leaves.</summary>
    public static bool IsFinal(this TaskState state) => state >= TaskState.Completed;

    /// <summary>True when a task in <paramref name="state"/> holds or waits for resources.</summary>
    public static bool IsActive(this TaskState state) => !state.IsFinal();

    /// <summary>Whether the state machine allows going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(TaskState from, TaskState to) => (from, to) switch
    {
        (TaskState.Blocked, TaskState.Pending) => true,
        (TaskState.Blocked, TaskState.UpstreamFailed) => true,
        (TaskState.Blocked, TaskState.Cancelled) => true,
        (TaskState.Pending, TaskState.Running) => true,
        (TaskState.Pending, TaskState.Cancelled) => true,
        (TaskState.Running, TaskState.Pending) => true, // retry or redispatch: a new attempt
        (TaskState.Running, TaskState.Completed) => true,
        (TaskState.Running, TaskState.Failed) => true,
        (TaskState.Running, TaskState.Timeout) => true,
        (TaskState.Running, TaskState.Cancelled) => true,
        _ => false,
    };

    /// <summary>The upper-case wire name, e.g. <c>UPSTREAM_FAILED</c>.</summary>
    public static string ToWire(this TaskState state) => WireNames[(int)state];

    /// <summary>Parses a wire name (case-insensitive); false when it names no state.</summary>
    public static bool TryParseWire(string? text, out TaskState state)
    {
        state = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var index = Array.FindIndex(WireNames, n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return false;
        }

        state = (TaskState)index;
        return true;
    }

    /// <summary>
    /// The state a job shows, derived from its tasks: running while any runs, pending while any
    /// waits, otherwise the worst final state (cancelled, timeout, failed, upstream failed), else completed.
    /// </summary>
    public static TaskState Aggregate(IEnumerable<TaskState> taskStates)
    {
        var seen = new bool[WireNames.Length];
        var any = false;
        foreach (var s in taskStates)
        {
            seen[(int)s] = true;
            any = true;
        }

        if (!any)
        {
            return TaskState.Completed;
        }

        TaskState[] order =
        [
            TaskState.Running, TaskState.Pending, TaskState.Blocked, TaskState.Cancelled,
            TaskState.Timeout, TaskState.Failed, TaskState.UpstreamFailed, TaskState.Completed,
        ];
        return order.First(s => seen[(int)s]);
    }
}
