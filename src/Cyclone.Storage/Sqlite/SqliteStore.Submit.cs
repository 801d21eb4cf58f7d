using System.Text.Json;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string InsertJob = """
        INSERT INTO jobs (name, user, spec, state, task_count, submitted_at, workflow, workflow_commit)
        VALUES ($name, $user, $spec, $state, $count, $at, $workflow, $commit) RETURNING id;
        """;

    private const string InsertTask = """
        INSERT INTO tasks (job_id, idx, name, user, state, priority, nodes, slots, memory, gpus, labels,
                           max_retries, time_limit_ms, submitted_at, payload, wait_event, max_active)
        VALUES ($job, $idx, $name, $user, $state, $priority, $nodes, $slots, $memory, $gpus, $labels,
                $retries, $limit, $at, $payload, $event, $maxActive);
        """;

    private const string LastRowId = "SELECT last_insert_rowid();";

    private const string InsertCount = "INSERT INTO job_task_counts (job_id, state, n) VALUES ($job, $state, $n);";

    private const string InsertDependency = "INSERT INTO task_deps (task_id, upstream_id, kind) VALUES ($task, $upstream, $kind);";

    private const string UpsertAgent = """
        INSERT INTO agents (name, host, slots, cores, memory, gpus, labels, state, connected_at, last_seen)
        VALUES ($name, $host, $slots, $cores, $memory, $gpus, $labels, $state, $connected, $seen)
        ON CONFLICT (name) DO UPDATE SET host = excluded.host, slots = excluded.slots, cores = excluded.cores,
            memory = excluded.memory, gpus = excluded.gpus, labels = excluded.labels, state = excluded.state,
            connected_at = excluded.connected_at, last_seen = excluded.last_seen;
        """;

    public Task<IReadOnlyList<SubmittedJob>> SubmitAsync(IReadOnlyList<NewJob> jobs, CancellationToken ct)
    {
        foreach (var job in jobs)
        {
            if (job.Tasks.Count == 0)
            {
                throw new ArgumentException($"Job '{job.Name}' has no tasks.", nameof(jobs));
            }
        }

        return EnqueueAsync<IReadOnlyList<SubmittedJob>>(c => jobs.Select(j => Insert(c, j)).ToList(), ct);
    }

    public Task UpsertAgentsAsync(IReadOnlyList<AgentRecord> agents, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            foreach (var a in agents)
            {
                c.Command(UpsertAgent)
                    .With("$name", a.Name).With("$host", a.Host).With("$slots", a.Slots).With("$cores", a.Cores)
                    .With("$memory", a.MemoryBytes).With("$gpus", a.Gpus).With("$labels", List(a.Labels))
                    .With("$state", a.State).With("$connected", Ms(a.ConnectedAt)).With("$seen", Ms(a.LastSeen))
                    .ExecuteNonQuery();
            }

            return true;
        }, ct);

    private static SubmittedJob Insert(WriteContext c, NewJob job)
    {
        var initial = job.Tasks.All(t => t.StartsBlocked) ? TaskState.Blocked : TaskState.Pending;
        var jobId = (long)c.Command(InsertJob)
            .With("$name", job.Name).With("$user", job.User).With("$spec", job.SpecJson)
            .With("$state", (int)initial).With("$count", job.Tasks.Count).With("$at", Ms(job.SubmittedAt))
            .With("$workflow", Db(job.Workflow)).With("$commit", Db(job.WorkflowCommit))
            .ExecuteScalar()!;
        TaskPayload? serialized = null;
        long first = 0;
        var payloadJson = "";
        foreach (var t in job.Tasks)
        {
            if (!ReferenceEquals(t.Payload, serialized))
            {
                // tasks that share a payload (the elements of an array) share its text; the task index is the idx column
                serialized = t.Payload;
                payloadJson = JsonSerializer.Serialize(t.Payload with { TaskIndex = 0 }, Json);
            }

            c.Command(InsertTask)
                .With("$job", jobId).With("$idx", t.Index).With("$name", t.Name).With("$user", job.User)
                .With("$state", (int)(t.StartsBlocked ? TaskState.Blocked : TaskState.Pending)).With("$priority", t.Priority).With("$nodes", t.Nodes)
                .With("$slots", t.Demand.Slots).With("$memory", t.Demand.MemoryBytes).With("$gpus", t.Demand.Gpus)
                .With("$labels", List(t.Demand.Labels)).With("$retries", t.MaxRetries)
                .With("$limit", Db((long?)t.TimeLimit?.TotalMilliseconds)).With("$at", Ms(job.SubmittedAt))
                .With("$payload", payloadJson)
                .With("$event", Db(t.WaitsForEvent)).With("$maxActive", Db(t.MaxActiveInJob))
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
            throw new InvalidOperationException($"the {job.Tasks.Count} tasks of job {jobId} were given ids {first} to {last}, not consecutive ones");
        }

        var taskIds = new List<long>(job.Tasks.Count);
        for (var id = first; id <= last; id++)
        {
            taskIds.Add(id);
        }

        var blocked = job.Tasks.Count(t => t.StartsBlocked);
        foreach (var (state, n) in new[] { (TaskState.Blocked, blocked), (TaskState.Pending, job.Tasks.Count - blocked) })
        {
            if (n > 0)
            {
                c.Command(InsertCount).With("$job", jobId).With("$state", (int)state).With("$n", n).ExecuteNonQuery();
            }
        }

        var byIndex = new Dictionary<int, long>(job.Tasks.Count);
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            byIndex[job.Tasks[i].Index] = taskIds[i];
        }

        for (var i = 0; i < job.Tasks.Count; i++)
        {
            foreach (var d in job.Tasks[i].Dependencies)
            {
                var upstream = d.UpstreamTaskId ?? (d.UpstreamIndex is { } idx && byIndex.TryGetValue(idx, out var id)
                    ? id
                    : throw new ArgumentException($"Task {job.Tasks[i].Index} of job '{job.Name}' depends on index {d.UpstreamIndex}, which the job does not have."));
                c.Command(InsertDependency).With("$task", taskIds[i]).With("$upstream", upstream).With("$kind", (int)d.Kind).ExecuteNonQuery();
            }
        }

        return new SubmittedJob(jobId, taskIds);
    }
}
