using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<NamedTaskRecord>> ListTasksOfJobsNamedAsync(string user, string jobNamePrefix, CancellationToken ct) =>
        await ReadAsync(
            """
            SELECT t.id, t.job_id, j.name, t.name, t.state,
                   (SELECT group_concat(d.upstream_id) FROM task_deps d WHERE d.task_id = t.id)
            FROM jobs j JOIN tasks t ON t.job_id = j.id
            WHERE j.user = $user AND substr(j.name, 1, length($prefix)) = $prefix
            ORDER BY t.id;
            """,
            c => c.With("$user", user).With("$prefix", jobNamePrefix),
            r => new NamedTaskRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), (TaskState)r.GetInt32(4), Upstream(r.IsDBNull(5) ? null : r.GetString(5))),
            ct);

    private static long[] Upstream(string? ids) =>
        ids is null ? [] : [.. ids.Split(',').Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))];
}
