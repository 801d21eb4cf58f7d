using Cyclone.Core.Dependencies;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public async Task<IReadOnlyList<ActiveTaskRecord>> LoadUnsuccessfulTasksOfJobAsync(long jobId, CancellationToken ct)
    {
        var dependencies = StoreRows.GroupDependencies(await ReadAsync(
            "SELECT d.task_id, d.upstream_id, d.kind FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.job_id = @job AND t.state > @completed;",
            c => c.With("job", jobId).With("completed", (int)TaskState.Completed),
            r => (r.GetInt64(0), r.GetInt64(1), (DependencyKind)r.GetInt32(2)), ct));
        return await ReadAsync(
            $"SELECT {StoreRows.ActiveColumns} FROM tasks WHERE job_id = @job AND state > @completed ORDER BY id;",
            c => c.With("job", jobId).With("completed", (int)TaskState.Completed),
            r => StoreRows.ReadActive(r, dependencies), ct);
    }
}
