using System.Runtime.CompilerServices;
using System.Text.Json;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Microsoft.Data.Sqlite;
using static Cyclone.Storage.Sqlite.SqliteValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string JobColumns = "id, name, user, spec, state, task_count, submitted_at, started_at, ended_at, exit_code, workflow, workflow_commit";

    private const string TaskColumns =
        "id, job_id, idx, name, user, state, attempt, failures, priority, agents, exit_code, reason, submitted_at, started_at, ended_at, outputs";

    private const string ActiveColumns =
        "id, job_id, slots, memory, gpus, labels, nodes, priority, max_retries, time_limit_ms, state, attempt, failures, agents, started_at, wait_event, max_active, submitted_at, user";

    private const string Filter = """
        (NOT EXISTS (SELECT 1 FROM json_each($states)) OR state IN (SELECT value FROM json_each($states)))
        AND ($user IS NULL OR user = $user)
        """;

    public async IAsyncEnumerable<ActiveTaskRecord> LoadActiveTasksAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var dependencies = new Dictionary<long, List<TaskDependency>>();
        foreach (var (task, upstream, kind) in await ReadAsync(
            "SELECT d.task_id, d.upstream_id, d.kind FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.state = 0;",
            _ => { }, r => (r.GetInt64(0), r.GetInt64(1), (DependencyKind)r.GetInt32(2)), ct))
        {
            if (!dependencies.TryGetValue(task, out var list))
            {
                dependencies[task] = list = [];
            }

            list.Add(new TaskDependency(upstream, kind));
        }

        await using var connection = await OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ActiveColumns} FROM tasks WHERE state < 3 ORDER BY id;";
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            yield return new ActiveTaskRecord(
                id, r.GetInt64(1), new NodeDemand(r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), List(r, 5)),
                r.GetInt32(6), r.GetInt32(7), r.GetInt32(8),
                r.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(r.GetInt64(9)),
                (TaskState)r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), List(r, 13), AtOrNull(r, 14))
            {
                Dependencies = dependencies.TryGetValue(id, out var deps) ? deps : [],
                WaitsForEvent = TextOrNull(r, 15),
                MaxActiveInJob = IntOrNull(r, 16),
                SubmittedAt = At(r, 17),
                User = r.GetString(18),
            };
        }
    }

    public async Task<JobRecord?> GetJobAsync(long jobId, CancellationToken ct) =>
        (await ReadAsync($"SELECT {JobColumns} FROM jobs WHERE id = $id;", c => c.With("$id", jobId), ReadJob, ct))
        .SingleOrDefault();

    public Task<IReadOnlyList<TaskRecord>> GetTasksOfJobAsync(long jobId, CancellationToken ct) =>
        ReadAsync($"SELECT {TaskColumns} FROM tasks WHERE job_id = $id ORDER BY idx;", c => c.With("$id", jobId), ReadTask, ct);

    public async Task<IReadOnlyDictionary<long, TaskPayload>> GetPayloadsAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct)
    {
        var rows = await ReadAsync(
            "SELECT id, idx, payload, name FROM tasks WHERE id IN (SELECT value FROM json_each($ids));",
            c => c.With("$ids", JsonSerializer.Serialize(taskIds, Json)),
            r => (Id: r.GetInt64(0), Payload: JsonSerializer.Deserialize<TaskPayload>(r.GetString(2), Json)! with { TaskIndex = r.GetInt32(1), Name = r.GetString(3) }),
            ct);
        return rows.ToDictionary(p => p.Id, p => p.Payload);
    }

    public async Task<PageResult<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken ct)
    {
        const string where = $"{Filter} AND ($workflow IS NULL OR workflow = $workflow)";
        void Bind(SqliteCommand c) => c.With("$states", StatesJson(query.States)).With("$user", query.User)
            .With("$workflow", query.Workflow).With("$limit", query.Limit).With("$offset", query.Offset);
        var items = await ReadAsync($"SELECT {JobColumns} FROM jobs WHERE {where} ORDER BY id DESC LIMIT $limit OFFSET $offset;", Bind, ReadJob, ct);
        var total = await ReadAsync($"SELECT count(*) FROM jobs WHERE {where};", Bind, r => r.GetInt64(0), ct);
        return new PageResult<JobRecord>(items, total[0]);
    }

    public async Task<PageResult<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct)
    {
        const string where = $"{Filter} AND ($job IS NULL OR job_id = $job)";
        void Bind(SqliteCommand c) => c.With("$states", StatesJson(query.States)).With("$user", query.User)
            .With("$job", query.JobId).With("$limit", query.Limit).With("$offset", query.Offset);
        var items = await ReadAsync(
            $"SELECT {TaskColumns} FROM tasks WHERE {where} ORDER BY priority DESC, id LIMIT $limit OFFSET $offset;", Bind, ReadTask, ct);
        var total = await ReadAsync($"SELECT count(*) FROM tasks WHERE {where};", Bind, r => r.GetInt64(0), ct);
        return new PageResult<TaskRecord>(items, total[0]);
    }

    public Task<IReadOnlyDictionary<TaskState, long>> CountTasksByStateAsync(CancellationToken ct) => CountByStateAsync("tasks", ct);

    public Task<IReadOnlyDictionary<TaskState, long>> CountJobsByStateAsync(CancellationToken ct) => CountByStateAsync("jobs", ct);

    public Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken ct) =>
        ReadAsync(
            "SELECT name, host, slots, cores, memory, gpus, labels, state, connected_at, last_seen FROM agents ORDER BY name;",
            _ => { },
            r => new AgentRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt32(5),
                List(r, 6), r.GetString(7), At(r, 8), At(r, 9)),
            ct);

    private async Task<IReadOnlyDictionary<TaskState, long>> CountByStateAsync(string table, CancellationToken ct)
    {
        var rows = await ReadAsync($"SELECT state, count(*) FROM {table} GROUP BY state;", _ => { },
            r => (State: (TaskState)r.GetInt32(0), Count: r.GetInt64(1)), ct);
        return rows.ToDictionary(x => x.State, x => x.Count);
    }

    private static string StatesJson(IReadOnlyList<TaskState> states) =>
        JsonSerializer.Serialize(states.Select(s => (int)s), Json);

    private static JobRecord ReadJob(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (TaskState)r.GetInt32(4), r.GetInt32(5),
        At(r, 6), AtOrNull(r, 7), AtOrNull(r, 8), IntOrNull(r, 9))
    {
        Workflow = TextOrNull(r, 10),
        WorkflowCommit = TextOrNull(r, 11),
    };

    private static TaskRecord ReadTask(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), (TaskState)r.GetInt32(5),
        r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), List(r, 9), IntOrNull(r, 10), TextOrNull(r, 11),
        At(r, 12), AtOrNull(r, 13), AtOrNull(r, 14))
    {
        Outputs = TextOrNull(r, 15),
    };

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        await using var connection = await OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // statements are constants of this file; values always go through parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
