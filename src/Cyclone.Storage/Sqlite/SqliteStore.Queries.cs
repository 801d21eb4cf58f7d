using System.Runtime.CompilerServices;
using System.Text.Json;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Microsoft.Data.Sqlite;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string Filter = """
        (NOT EXISTS (SELECT 1 FROM json_each($states)) OR state IN (SELECT value FROM json_each($states)))
        AND ($user IS NULL OR user = $user)
        """;

    public async IAsyncEnumerable<ActiveTaskRecord> LoadActiveTasksAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var dependencies = StoreRows.GroupDependencies(await ReadAsync(
            "SELECT d.task_id, d.upstream_id, d.kind FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.state = 0;",
            _ => { }, r => (r.GetInt64(0), r.GetInt64(1), (DependencyKind)r.GetInt32(2)), ct));

        await using var connection = await OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoreRows.ActiveColumns} FROM tasks WHERE state < 3 ORDER BY id;";
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return StoreRows.ReadActive(r, dependencies);
        }
    }

    public async Task<JobRecord?> GetJobAsync(long jobId, CancellationToken ct) =>
        (await ReadAsync($"SELECT {StoreRows.JobColumns} FROM jobs WHERE id = $id;", c => c.With("$id", jobId), StoreRows.ReadJob, ct))
        .SingleOrDefault();

    public Task<IReadOnlyList<TaskRecord>> GetTasksOfJobAsync(long jobId, CancellationToken ct) =>
        ReadAsync($"SELECT {StoreRows.TaskColumns} FROM tasks WHERE job_id = $id ORDER BY idx;", c => c.With("$id", jobId), StoreRows.ReadTask, ct);

    public async Task<IReadOnlyDictionary<long, TaskPayload>> GetPayloadsAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct)
    {
        var rows = await ReadAsync(
            "SELECT id, idx, payload, name FROM tasks WHERE id IN (SELECT value FROM json_each($ids));",
            c => c.With("$ids", JsonSerializer.Serialize(taskIds, Json)),
            r => (Id: r.GetInt64(0), Payload: StoreRows.ReadPayload(r, 1, 2, 3)),
            ct);
        return rows.ToDictionary(p => p.Id, p => p.Payload);
    }

    public async Task<PageResult<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken ct)
    {
        const string where = $"{Filter} AND ($workflow IS NULL OR workflow = $workflow)";
        void Bind(SqliteCommand c) => c.With("$states", StatesJson(query.States)).With("$user", query.User)
            .With("$workflow", query.Workflow).With("$limit", query.Limit).With("$offset", query.Offset);
        var items = await ReadAsync($"SELECT {StoreRows.JobColumns} FROM jobs WHERE {where} ORDER BY id DESC LIMIT $limit OFFSET $offset;", Bind, StoreRows.ReadJob, ct);
        var total = await ReadAsync($"SELECT count(*) FROM jobs WHERE {where};", Bind, r => r.GetInt64(0), ct);
        return new PageResult<JobRecord>(items, total[0]);
    }

    public async Task<PageResult<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct)
    {
        const string where = $"{Filter} AND ($job IS NULL OR job_id = $job)";
        void Bind(SqliteCommand c) => c.With("$states", StatesJson(query.States)).With("$user", query.User)
            .With("$job", query.JobId).With("$limit", query.Limit).With("$offset", query.Offset);
        var items = await ReadAsync(
            $"SELECT {StoreRows.TaskColumns} FROM tasks WHERE {where} ORDER BY priority DESC, id LIMIT $limit OFFSET $offset;", Bind, StoreRows.ReadTask, ct);
        var total = await ReadAsync($"SELECT count(*) FROM tasks WHERE {where};", Bind, r => r.GetInt64(0), ct);
        return new PageResult<TaskRecord>(items, total[0]);
    }

    public Task<IReadOnlyDictionary<TaskState, long>> CountTasksByStateAsync(CancellationToken ct) => CountByStateAsync("tasks", ct);

    public Task<IReadOnlyDictionary<TaskState, long>> CountJobsByStateAsync(CancellationToken ct) => CountByStateAsync("jobs", ct);

    public Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken ct) =>
        ReadAsync(
            $"SELECT {StoreRows.AgentColumns} FROM agents ORDER BY name;",
            _ => { },
            StoreRows.ReadAgent,
            ct);

    private async Task<IReadOnlyDictionary<TaskState, long>> CountByStateAsync(string table, CancellationToken ct)
    {
        var rows = await ReadAsync($"SELECT state, count(*) FROM {table} GROUP BY state;", _ => { },
            r => (State: (TaskState)r.GetInt32(0), Count: r.GetInt64(1)), ct);
        return rows.ToDictionary(x => x.State, x => x.Count);
    }

    private static string StatesJson(IReadOnlyList<TaskState> states) =>
        JsonSerializer.Serialize(states.Select(s => (int)s), Json);

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
