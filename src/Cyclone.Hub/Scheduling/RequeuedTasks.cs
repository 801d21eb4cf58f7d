using Cyclone.Core.Scheduling;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

/// <summary>Builds the scheduler's records of stored tasks that ended, to put them back in the queue.</summary>
internal static class RequeuedTasks
{
    public static List<RequeuedTask> From(IEnumerable<ActiveTaskRecord> ended) =>
        [.. ended.Select(r => new RequeuedTask(
            new SchedulerTask(r.Id, r.JobId, r.Demand, r.Nodes, r.Priority, r.Id)
            {
                MaxRetries = r.MaxRetries,
                TimeLimit = r.TimeLimit,
                Dependencies = r.Dependencies,
                WaitsForEvent = r.WaitsForEvent,
                MaxActiveInJob = r.MaxActiveInJob,
                SubmittedAt = r.SubmittedAt,
                User = r.User,
            },
            r.State,
            r.Attempt))];
}
