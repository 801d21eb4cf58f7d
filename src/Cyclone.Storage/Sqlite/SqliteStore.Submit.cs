using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string InsertTask = """
        INSERT INTO tasks (job_id, idx, name, "user", state, priority, nodes, slots, memory, gpus, labels,
                           max_retries, time_limit_ms, submitted_at, payload, wait_event, max_active)
        VALUES (@job, @idx, @name, @user, @state, @priority, @nodes, @slots, @memory, @gpus, @labels,
                @retries, @limit, @at, @payload, @event, @maxActive);
        """;

    private const string LastRowId = "SELECT last_insert_rowid();";

    private const string InsertDependency = "INSERT INTO task_deps (task_id, upstream_id, kind) VALUES (@task, @upstream, @kind);";

    private protected override List<long> InsertTasks(WriteContext c, NewJob job, long jobId)
    {
        long first = 0;
        using var payloads = Submission.PayloadTexts(job).GetEnumerator();
        foreach (var t in job.Tasks)
        {
            payloads.MoveNext();
            c.Command(InsertTask)
                .With("job", jobId).With("idx", t.Index).With("name", t.Name).With("user", job.User)
                .With("state", (int)Submission.InitialState(t)).With("priority", t.Priority).With("nodes", t.Nodes)
                .With("slots", t.Demand.Slots).With("memory", t.Demand.MemoryBytes).With("gpus", t.Demand.Gpus)
                .With("labels", List(t.Demand.Labels)).With("retries", t.MaxRetries)
                .With("limit", Db((long?)t.TimeLimit?.TotalMilliseconds)).With("at", Ms(job.SubmittedAt))
                .With("payload", payloads.Current)
                .With("event", Db(t.WaitsForEvent)).With("maxActive", Db(t.MaxActiveInJob))
                .ExecuteNonQuery();
            if (first == 0)
            {
                first = (long)c.Command(LastRowId).ExecuteScalar()!;
            }
        }

        // Ids are given in order by the one writer within this transaction: a job's tasks have consecutive ids.
        // (RETURNING on each row made every insert about twice as slow.)
        var last = (long)c.Command(LastRowId).ExecuteScalar()!;
        if (last - first + 1 != job.Tasks.Count)
        {
            throw new InvalidOperationException(@"the {job.Tasks.Count} tasks of job {jobId} were given ids {first} to {last}, not consecutive ones");
        }

        var taskIds = new List<long>(job.Tasks.Count);
        for (var id = first; id <= last; id++)
        {
            taskIds.Add(id);
        }

        return taskIds;
    }

    private protected override void InsertDependencies(WriteContext c, List<(long Task, long Upstream, int Kind)> rows)
    {
        foreach (var (task, upstream, kind) in rows)
        {
            c.Command(InsertDependency).With("task", task).With("upstream", upstream).With("kind", kind).ExecuteNonQuery();
        }
    }
}
