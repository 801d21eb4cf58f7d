using System.Text.Json;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using static Cyclone.Storage.Sqlite.SqliteValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string InsertJob = """
        INSERT INTO jobs (name, user, spec, state, task_count, submitted_at)
        VALUES ($name, $user, $spec, $state, $count, $at) RETURNING id;
        """;

    private const string InsertTask = """
        INSERT INTO tasks (job_id, idx, name, user, state, priority, nodes, slots, memory, gpus, labels,
                           max_retries, time_limit_ms, submitted_at, payload)
        VALUES ($job, $idx, $name, $user, $state, $priority, $nodes, $slots, $memory, $gpus, $labels,
                $retries, $limit, $at, $payload) RETURNING id;
        """;

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
        const TaskState initial = TaskState.Pending;
        var jobId = (long)c.Command(InsertJob)
            .With("$name", job.Name).With("$user", job.User).With("$spec", job.SpecJson)
            .With("$state", (int)initial).With("$count", job.Tasks.Count).With("$at", Ms(job.SubmittedAt))
            .ExecuteScalar()!;
        var taskIds = new List<long>(job.Tasks.Count);
        foreach (var t in job.Tasks)
        {
            var payload = t.Payload with { TaskIndex = t.Index };
            taskIds.Add((long)c.Command(InsertTask)
                .With("$job", jobId).With("$idx", t.Index).With("$name", t.Name).With("$user", job.User)
                .With("$state", (int)initial).With("$priority", t.Priority).With("$nodes", t.Nodes)
                .With("$slots", t.Demand.Slots).With("$memory", t.Demand.MemoryBytes).With("$gpus", t.Demand.Gpus)
                .With("$labels", List(t.Demand.Labels)).With("$retries", t.MaxRetries)
                .With("$limit", Db((long?)t.TimeLimit?.TotalMilliseconds)).With("$at", Ms(job.SubmittedAt))
                .With("$payload", JsonSerializer.Serialize(payload, Json))
                .ExecuteScalar()!);
        }

        return new SubmittedJob(jobId, taskIds);
    }
}
