using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;
using Npgsql;
using NpgsqlTypes;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Takes <c>@n</c> consecutive task ids and answers the last (the write lock keeps every other writer out).</summary>
    private const string ReserveTaskIds = "SELECT setval('tasks_id_seq', nextval('tasks_id_seq') + @n - 1);";

    private const string CopyTasks = """
        COPY tasks (id, job_id, idx, name, "user", state, priority, nodes, slots, memory, gpus, labels, max_retries,
                    time_limit_ms, submitted_at, payload, wait_event, max_active) FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyDependencies = "COPY task_deps (task_id, upstream_id, kind) FROM STDIN (FORMAT BINARY)";

    /// <summary>Reserves the job's task ids in one step (consecutive: the write lock keeps other writers out), then copies its tasks in.</summary>
    private protected override List<long> InsertTasks(WriteContext c, NewJob job, long jobId)
    {
        var last = (long)c.Command(ReserveTaskIds).With("n", (long)job.Tasks.Count).ExecuteScalar()!;
        var first = last - job.Tasks.Count + 1;
        var taskIds = new List<long>(job.Tasks.Count);
        for (var id = first; id <= last; id++)
        {
            taskIds.Add(id);
        }

        var at = Ms(job.SubmittedAt);
        using var payloads = Submission.PayloadTexts(job).GetEnumerator();
        using var rows = ((NpgsqlConnection)c.Connection).BeginBinaryImport(CopyTasks);
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            var t = job.Tasks[i];
            payloads.MoveNext();
            rows.StartRow();
            rows.Write(taskIds[i], NpgsqlDbType.Bigint);
            rows.Write(jobId, NpgsqlDbType.Bigint);
            rows.Write(t.Index, NpgsqlDbType.Integer);
            rows.Write(t.Name, NpgsqlDbType.Text);
            rows.Write(job.User, NpgsqlDbType.Text);
            rows.Write((int)Submission.InitialState(t), NpgsqlDbType.Integer);
            rows.Write(t.Priority, NpgsqlDbType.Integer);
            rows.Write(t.Nodes, NpgsqlDbType.Integer);
            rows.Write(t.Demand.Slots, NpgsqlDbType.Integer);
            rows.Write(t.Demand.MemoryBytes, NpgsqlDbType.Bigint);
            rows.Write(t.Demand.Gpus, NpgsqlDbType.Integer);
            rows.Write(List(t.Demand.Labels), NpgsqlDbType.Text);
            rows.Write(t.MaxRetries, NpgsqlDbType.Integer);
            WriteOrNull(rows, (long?)t.TimeLimit?.TotalMilliseconds, NpgsqlDbType.Bigint);
            rows.Write(at, NpgsqlDbType.Bigint);
            rows.Write(payloads.Current, NpgsqlDbType.Text);
            WriteOrNull(rows, t.WaitsForEvent, NpgsqlDbType.Text);
            WriteOrNull(rows, t.MaxActiveInJob, NpgsqlDbType.Integer);
        }

        rows.Complete();
        return taskIds;
    }

    private protected override void InsertDependencies(WriteContext c, List<(long Task, long Upstream, int Kind)> rows)
    {
        using var deps = ((NpgsqlConnection)c.Connection).BeginBinaryImport(CopyDependencies);
        foreach (var (task, upstream, kind) in rows)
        {
            deps.StartRow();
            deps.Write(task, NpgsqlDbType.Bigint);
            deps.Write(upstream, NpgsqlDbType.Bigint);
            deps.Write(kind, NpgsqlDbType.Integer);
        }

        deps.Complete();
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter rows, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            rows.Write(v, type);
        }
        else
        {
            rows.WriteNull();
        }
    }

    private static void WriteOrNull(NpgsqlBinaryImporter rows, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            rows.WriteNull();
        }
        else
        {
            rows.Write(value, type);
        }
    }
}
