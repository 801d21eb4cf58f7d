using System.Globalization;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Writes;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string InsertJob = """
        INSERT INTO jobs (name, "user", spec, state, task_count, submitted_at, workflow, workflow_commit, payload)
        VALUES (@name, @user, @spec, @state, @count, @at, CAST(@workflow AS text), CAST(@commit AS text), @payload) RETURNING id;
        """;

    private const string InsertCount = "INSERT INTO job_task_counts (job_id, state, n) VALUES (@job, @state, @n);";

    private const string UpsertAgent = """
        INSERT INTO agents (name, host, slots, cores, memory, gpus, labels, state, connected_at, last_seen, drained)
        VALUES (@name, @host, @slots, @cores, @memory, @gpus, @labels, @state, @connected, @seen, coalesce(CAST(@drained AS integer), 0))
        ON CONFLICT (name) DO UPDATE SET host = excluded.host, slots = excluded.slots, cores = excluded.cores,
            memory = excluded.memory, gpus = excluded.gpus, labels = excluded.labels, state = excluded.state,
            connected_at = excluded.connected_at, last_seen = excluded.last_seen,
            drained = coalesce(CAST(@drained AS integer), agents.drained);
        """;

    public Task<IReadOnlyList<SubmittedJob>> SubmitAsync(IReadOnlyList<NewJob> jobs, CancellationToken ct)
    {
        Submission.RequireTasks(jobs);
        return EnqueueAsync<IReadOnlyList<SubmittedJob>>(c => jobs.Select(j => Insert(c, j)).ToList(), ct);
    }

    public Task UpsertAgentsAsync(IReadOnlyList<AgentRecord> agents, CancellationToken ct) =>
        EnqueueAsync(c =>
        {
            foreach (var a in agents)
            {
                c.Command(UpsertAgent)
                    .With("name", a.Name).With("host", a.Host).With("slots", a.Slots).With("cores", a.Cores)
                    .With("memory", a.MemoryBytes).With("gpus", a.Gpus).With("labels", List(a.Labels))
                    .With("state", a.State).With("connected", Ms(a.ConnectedAt)).With("seen", Ms(a.LastSeen))
                    .With("drained", a.Drained is { } d ? (d ? 1 : 0) : (int?)null)
                    .ExecuteNonQuery();
            }

            return true;
        }, ct);

    private SubmittedJob Insert(WriteContext c, NewJob job)
    {
        var jobId = Convert.ToInt64(
            c.Command(InsertJob)
                .With("name", job.Name).With("user", job.User).With("spec", job.SpecJson)
                .With("state", (int)Submission.InitialState(job)).With("count", job.Tasks.Count).With("at", Ms(job.SubmittedAt))
                .With("workflow", Db(job.Workflow)).With("commit", Db(job.WorkflowCommit))
                .With("payload", Submission.SharedPayloadText(job))
                .ExecuteScalar(),
            CultureInfo.InvariantCulture);
        var taskIds = InsertTasks(c, job, jobId);
        foreach (var (state, n) in Submission.Counts(job))
        {
            c.Command(InsertCount).With("job", jobId).With("state", (int)state).With("n", n).ExecuteNonQuery();
        }

        var dependencies = Submission.Dependencies(job, taskIds);
        if (dependencies.Count > 0)
        {
            InsertDependencies(c, dependencies);
        }

        return new SubmittedJob(jobId, taskIds);
    }
}
