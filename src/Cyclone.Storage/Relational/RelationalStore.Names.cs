using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string JobsNamed = """
        FROM jobs j JOIN tasks t ON t.job_id = j.id
        WHERE j."user" = CAST(@user AS text) AND substr(j.name, 1, length(CAST(@prefix AS text))) = CAST(@prefix AS text)
        """;

    public async Task<IReadOnlyList<NamedTaskRecord>> ListTasksOfJobsNamedAsync(string user, string jobNamePrefix, CancellationToken ct)
    {
        void Bind(System.Data.Common.DbCommand c) => c.With("user", user).With("prefix", jobNamePrefix);
        var upstream = (await ReadAsync(
                $"SELECT d.task_id, d.upstream_id FROM task_deps d WHERE d.task_id IN (SELECT t.id {JobsNamed}) ORDER BY d.task_id;",
                Bind, r => (Task: r.GetInt64(0), Upstream: r.GetInt64(1)), ct))
            .ToLookup(d => d.Task, d => d.Upstream);
        return await ReadAsync(
            $"SELECT t.id, t.job_id, j.name, t.name, t.state {JobsNamed} ORDER BY t.id;",
            Bind,
            r => new NamedTaskRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), (TaskState)r.GetInt32(4), [.. upstream[r.GetInt64(0)]]),
            ct);
    }
}
