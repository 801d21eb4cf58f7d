using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>
/// A task as a name index needs it: its id, its job's name, its own name, its state, and the ids of the tasks it
/// depends on (what <see cref="IStore.ListTasksOfJobsNamedAsync"/> reads to rebuild a name-to-task map).
/// </summary>
public sealed record NamedTaskRecord(long Id, long JobId, string JobName, string Name, TaskState State, IReadOnlyList<long> Upstream);
