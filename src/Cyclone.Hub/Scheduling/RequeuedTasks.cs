using Cyclone.Core.Scheduling;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

/// <summary>Builds the scheduler's records of stored tasks: those reloaded at start, and those that ended, to put them back in the queue.</summary>
internal static class RequeuedTasks
{
    public static List<RequeuedTask> From(IEnumerable<ActiveTaskRecord> ended) =>
        [.. ended.Select(r => new RequeuedTask(TaskOf(r, r.User), r.State, r.Attempt))];

    /// <summary>The scheduler's record of a stored task, before its state is set; <paramref name="user"/> may be a shared copy of its user name.</summary>
    public static SchedulerTask TaskOf(ActiveTaskRecord r, string? user) =>
        new(r.Id, r.JobId, r.Demand, r.Nodes, r.Priority, r.Id)
        {
            MaxRetries = r.MaxRetries,
            TimeLimit = r.TimeLimit,
            Dependencies = r.Dependencies,
            WaitsForEvent = r.WaitsForEvent,
            MaxActiveInJob = r.MaxActiveInJob,
            SubmittedAt = r.SubmittedAt,
            User = user,
        };
}
