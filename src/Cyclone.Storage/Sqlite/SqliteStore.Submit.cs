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
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17);
        """;

    private const int InsertTaskParameters = 17;

    private const string LastRowId = "SELECT last_insert_rowid();";

    private const string InsertDependency = "INSERT INTO task_deps (task_id, upstream_id, kind) VALUES (?1, ?2, ?3);";

    private protected override List<long> InsertTasks(WriteContext c, NewJob job, long jobId)
    {
        long first = 0;
        using var payloads = Submission.PayloadTexts(job).GetEnumerator();
        var insert = Inserter(c, InsertTask, InsertTaskParameters);
        IReadOnlyList<string>? labels = null;
        var labelsText = "";
        var at = Ms(job.SubmittedAt);
        foreach (var t in job.Tasks)
        {
            payloads.MoveNext();
            if (!ReferenceEquals(t.Demand.Labels, labels))
            {
                labels = t.Demand.Labels;
                labelsText = List(labels);
            }

            insert.Set(1, jobId);
            insert.Set(2, t.Index);
            insert.Set(3, t.Name);
            insert.Set(4, job.User);
            insert.Set(5, (int)Submission.InitialState(t));
            insert.Set(6, t.Priority);
            insert.Set(7, t.Nodes);
            insert.Set(8, t.Demand.Slots);
            insert.Set(9, t.Demand.MemoryBytes);
            insert.Set(10, t.Demand.Gpus);
            insert.Set(11, labelsText);
            insert.Set(12, t.MaxRetries);
            insert.Set(13, (long?)t.TimeLimit?.TotalMilliseconds);
            insert.Set(14, at);
            insert.Set(15, payloads.Current);
            insert.Set(16, t.WaitsForEvent);
            insert.Set(17, t.MaxActiveInJob);
            insert.Insert();
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
            throw new InvalidOperationException($"the {job.Tasks.Count} tasks of job {jobId} were given ids {first} to {last}, not consecutive ones");
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
        var insert = Inserter(c, InsertDependency, 3);
        foreach (var (task, upstream, kind) in rows)
        {
            insert.Set(1, task);
            insert.Set(2, upstream);
            insert.Set(3, kind);
            insert.Insert();
        }
    }

    /// <summary>The transaction's inserter for <paramref name="sql"/>, prepared once per transaction (one job or thousands).</summary>
    private static SqliteRowInserter Inserter(WriteContext c, string sql, int parameters) =>
        c.Reuse(sql, () => new SqliteRowInserter((Microsoft.Data.Sqlite.SqliteConnection)c.Connection, sql, parameters));
}
