using Cyclone.Core.Scheduling;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string InsertResults = """
        INSERT INTO results (task_id, job_id, attempt, sink, agent, items, at) VALUES (@task, @job, @attempt, @sink, CAST(@agent AS text), @items, @at)
        ON CONFLICT (task_id, attempt, sink) DO NOTHING;
        """;

    private const string SelectResults = """
        SELECT seq, task_id, job_id, attempt, sink, agent, items, at FROM results WHERE sink = @sink AND seq > @after ORDER BY seq LIMIT @limit;
        """;

    private const string UpsertCursor = """
        INSERT INTO cursors (name, value, updated_at) VALUES (@name, @value, @at)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
        """;

    public Task<IReadOnlyList<ResultRecord>> ReadResultsAsync(string sink, long afterSeq, int limit, CancellationToken ct) =>
        ReadAsync(SelectResults, c => c.With("sink", sink).With("after", afterSeq).With("limit", limit),
            r => new ResultRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.GetString(4), TextOrNull(r, 5), r.GetString(6), At(r, 7)), ct);

    public async Task<string?> GetCursorAsync(string name, CancellationToken ct)
    {
        var rows = await ReadAsync("SELECT value FROM cursors WHERE name = @name;", c => c.With("name", name), r => r.GetString(0), ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    public Task SetCursorAsync(string name, string value, DateTimeOffset at, CancellationToken ct) =>
        EnqueueAsync(c => c.Command(UpsertCursor).With("name", name).With("value", value).With("at", Ms(at)).ExecuteNonQuery(), ct);

    /// <summary>Keeps the result sets of a completing attempt, in the transaction of its completion; a set kept before is kept once.</summary>
    private static void KeepResults(WriteContext c, TaskTransition t)
    {
        foreach (var set in t.Results ?? [])
        {
            c.Command(InsertResults)
                .With("task", t.TaskId).With("job", t.JobId).With("attempt", t.Attempt).With("sink", set.Sink)
                .With("agent", Db(t.Agents is { Count: > 0 } agents ? agents[0] : null)).With("items", set.Items).With("at", Ms(t.At))
                .ExecuteNonQuery();
        }
    }
}
