using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>Which jobs to list: any of <see cref="States"/> (all when empty), of <see cref="User"/>, one page.</summary>
public sealed record JobQuery(IReadOnlyList<TaskState> States, string? User, int Offset = 0, int Limit = 100)
{
    /// <summary>Only runs of this workflow.</summary>
    public string? Workflow { get; init; }

    /// <summary>Only jobs with this id (when it is a number), or of this user, or whose name starts with it; <c>label:NAME</c>: jobs with a task that asks for label NAME.</summary>
    public string? Search { get; init; }

    /// <summary>The column to order by; the default is the id.</summary>
    public JobSort SortBy { get; init; } = JobSort.Id;

    /// <summary>Smallest first instead of largest first (the default: newest first by id).</summary>
    public bool Ascending { get; init; }

    /// <summary>Whether to count every match (<see cref="PageResult{T}.Total"/>); without, the total is -1.</summary>
    public bool CountTotal { get; init; } = true;
}
