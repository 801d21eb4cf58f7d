using System.Runtime.CompilerServices;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Writes;
using System.Data.Common;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private string Filter => $"""({IsEmpty("states")} OR {In("state", "states")}) AND (CAST(@user AS text) IS NULL OR "user" = CAST(@user AS text))""";

    public async IAsyncEnumerable<ActiveTaskRecord> LoadActiveTasksAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var dependencies = StoreRows.GroupDependencies(await ReadAsync(
            "SELECT d.task_id, d.upstream_id, d.kind FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.state = 0;",
            NoParameters, r => (r.GetInt64(0), r.GetInt64(1), (DependencyKind)r.GetInt32(2)), ct));

        await foreach (var task in StreamAsync(
            $"SELECT {StoreRows.ActiveColumns} FROM tasks WHERE state < 3 ORDER BY id;", NoParameters, r => StoreRows.ReadActive(r, dependencies), ct))
        {
            yield return task;
        }
    }

    public async Task<JobRecord?> GetJobAsync(long jobId, CancellationToken ct) =>
        (await ReadAsync($"SELECT {StoreRows.JobColumns} FROM jobs WHERE id = @id;", c => c.With("id", jobId), StoreRows.ReadJob, ct))
        .SingleOrDefault();

    public Task<IReadOnlyList<TaskRecord>> GetTasksOfJobAsync(long jobId, CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.TaskColumns} FROM tasks WHERE job_id = @id ORDER BY idx;", c => c.With("id", jobId), StoreRows.ReadTask, ct);

    public async Task<IReadOnlyDictionary<long, TaskPayload>> GetPayloadsAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct)
    {
        // the elements of an array share one payload text, kept in the job's row (and a workflow's nodes with the same
        // command and no parameters have equal texts): each distinct text is parsed once per read, and each row gets its
        // own copy with its index and name (payloads are immutable)
        var parsed = new Dictionary<string, TaskPayload>(StringComparer.Ordinal);
        var rows = await ReadAsync(
            $"""
            SELECT t.id, t.idx, CASE WHEN t.payload = '{Submission.SharedPayload}' THEN j.payload ELSE t.payload END, t.name
            FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE {In("t.id", "ids")};
            """,
            c => c.With("ids", ListValue(taskIds)),
            r => (Id: r.GetInt64(0), Payload: StoreRows.ReadPayload(r, 1, 2, 3, parsed)),
            ct);
        return rows.ToDictionary(p => p.Id, p => p.Payload);
    }

    public async Task<PageResult<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken ct)
    {
        var where = $"{Filter} AND (CAST(@workflow AS text) IS NULL OR workflow = CAST(@workflow AS text))";
        var search = query.Search?.Trim();
        long? searchId = long.TryParse(search, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var label = search is not null && search.StartsWith("label:", StringComparison.Ordinal) ? search["label:".Length..].Trim() : null;
        if (label is not null)
        {
            // a task of the job asks for the label: found through tasks_by_job for each job in id order, so a page stops early
            where += """ AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = jobs.id AND t.labels LIKE @label_pattern ESCAPE '\')""";
        }
        else if (searchId is not null)
        {
            where += " AND id = @search_id";
        }
        else if (!string.IsNullOrEmpty(search))
        {
            where += """ AND ("user" = @search OR name LIKE @search_prefix ESCAPE '\')""";
        }

        void Bind(DbCommand c)
        {
            c.With("states", States(query.States)).With("user", query.User)
                .With("workflow", query.Workflow).With("limit", query.Limit).With("offset", query.Offset);
            if (label is not null)
            {
                c.With("label_pattern", "%" + LikePrefix(StoreValues.List([label])[1..^1]));
            }
            else if (searchId is not null)
            {
                c.With("search_id", searchId.Value);
            }
            else if (!string.IsNullOrEmpty(search))
            {
                c.With("search", search).With("search_prefix", LikePrefix(search));
            }
        }

        var order = OrderOf(query);
        var items = await ReadAsync(
            $"SELECT {StoreRows.JobColumns} FROM jobs WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset;", Bind, StoreRows.ReadJob, ct);
        var total = query.CountTotal ? (await ReadAsync($"SELECT count(*) FROM jobs WHERE {where};", Bind, r => r.GetInt64(0), ct))[0] : -1;
        return new PageResult<JobRecord>(items, total);
    }

    public async Task<PageResult<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct)
    {
        var where = $"{Filter} AND (CAST(@job AS bigint) IS NULL OR job_id = CAST(@job AS bigint))";
        void Bind(DbCommand c) => c.With("states", States(query.States)).With("user", query.User)
            .With("job", query.JobId).With("limit", query.Limit).With("offset", query.Offset);
        var items = await ReadAsync(
            $"SELECT {StoreRows.TaskColumns} FROM tasks WHERE {where} ORDER BY priority DESC, id LIMIT @limit OFFSET @offset;",
            Bind, StoreRows.ReadTask, ct);
        var total = await ReadAsync($"SELECT count(*) FROM tasks WHERE {where};", Bind, r => r.GetInt64(0), ct);
        return new PageResult<TaskRecord>(items, total[0]);
    }

    /// <summary>Summed from the per-job counters (<c>job_task_counts</c>): one row per job and state, never a scan of every task.</summary>
    public async Task<IReadOnlyDictionary<TaskState, long>> CountTasksByStateAsync(CancellationToken ct)
    {
        var rows = await ReadAsync("SELECT state, sum(n) FROM job_task_counts GROUP BY state HAVING sum(n) > 0;", NoParameters,
            r => (State: (TaskState)r.GetInt32(0), Count: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), ct);
        return rows.ToDictionary(x => x.State, x => x.Count);
    }

    public Task<IReadOnlyDictionary<TaskState, long>> CountJobsByStateAsync(CancellationToken ct) => CountByStateAsync("jobs", ct);

    public Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.AgentColumns} FROM agents ORDER BY name;", NoParameters, StoreRows.ReadAgent, ct);

    private async Task<IReadOnlyDictionary<TaskState, long>> CountByStateAsync(string table, CancellationToken ct)
    {
        var rows = await ReadAsync($"SELECT state, count(*) FROM {table} GROUP BY state;", NoParameters,
            r => (State: (TaskState)r.GetInt32(0), Count: r.GetInt64(1)), ct);
        return rows.ToDictionary(x => x.State, x => x.Count);
    }

    /// <summary>
    /// The ORDER BY of a job list, the same text for both stores: the column, then the id the same way, so a page boundary never
    /// splits ties differently. A missing start or end sorts as the latest time (<see cref="Unset"/>). Every key has an index of
    /// exactly this expression and the id (<c>jobs_by_name</c>, <c>jobs_by_started</c>, ...), so a page is read from the index in
    /// either direction, never by sorting every job.
    /// </summary>
    private static string OrderOf(JobQuery query)
    {
        var column = query.SortBy switch
        {
            JobSort.Name => "name",
            JobSort.User => "\"user\"",
            JobSort.State => "state",
            JobSort.Submitted => "submitted_at",
            JobSort.Started => $"coalesce(started_at, {Unset})",
            JobSort.Ended => $"coalesce(ended_at, {Unset})",
            _ => null,
        };
        var direction = query.Ascending ? "ASC" : "DESC";
        return column is null ? $"id {direction}" : $"{column} {direction}, id {direction}";
    }

    /// <summary>The time a job not started or not ended yet sorts as: after every real one.</summary>
    private const string Unset = "9223372036854775807";

    /// <summary>A LIKE pattern that matches text starting with <paramref name="prefix"/>, its wildcards taken literally.</summary>
    private static string LikePrefix(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private object States(IReadOnlyList<TaskState> states) => ListValue(states.Select(s => (int)s).ToList());
}
