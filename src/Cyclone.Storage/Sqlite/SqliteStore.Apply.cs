using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using static Cyclone.Storage.Sqlite.SqliteValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string UpdateTask = """
        UPDATE tasks SET state = $state, attempt = $attempt, failures = $failures,
            agents = coalesce($agents, agents), exit_code = $exit, reason = $reason, outputs = coalesce($outputs, outputs),
            started_at = CASE WHEN $state = 2 THEN $at WHEN $state = 1 THEN NULL ELSE started_at END,
            ended_at = CASE WHEN $state >= 3 THEN $at ELSE NULL END
        WHERE id = $id;
        """;

    private const string StartAttempt = """
        INSERT OR REPLACE INTO attempts (task_id, attempt, agents, started_at, state)
        VALUES ($id, $attempt, $agents, $at, 2);
        """;

    private const string EndAttempt = """
        UPDATE attempts SET ended_at = $at, state = $state, exit_code = $exit, reason = $reason
        WHERE task_id = $id AND ended_at IS NULL;
        """;

    private const string JobTaskStates = "SELECT DISTINCT state FROM tasks WHERE job_id = $job;";

    private const string UpdateJob = """
        UPDATE jobs SET state = $state,
            started_at = coalesce(started_at, (SELECT min(started_at) FROM tasks WHERE job_id = $job)),
            ended_at = CASE WHEN $final THEN (SELECT max(ended_at) FROM tasks WHERE job_id = $job) END,
            exit_code = CASE WHEN $final THEN coalesce(
                (SELECT exit_code FROM tasks WHERE job_id = $job AND exit_code IS NOT NULL AND exit_code <> 0 ORDER BY idx LIMIT 1), 0) END
        WHERE id = $job;
        """;

    public Task ApplyAsync(IReadOnlyList<TaskTransition> transitions, CancellationToken ct)
    {
        if (transitions.Count == 0)
        {
            return Task.CompletedTask;
        }

        return EnqueueAsync(c =>
        {
            var jobs = new HashSet<long>();
            foreach (var t in transitions)
            {
                Apply(c, t);
                jobs.Add(t.JobId);
            }

            foreach (var job in jobs)
            {
                DeriveJob(c, job);
            }

            return true;
        }, ct);
    }

    private static void Apply(WriteContext c, TaskTransition t)
    {
        var agents = t.Agents is null ? null : List(t.Agents);
        c.Command(UpdateTask)
            .With("$id", t.TaskId).With("$state", (int)t.State).With("$attempt", t.Attempt).With("$failures", t.Failures)
            .With("$agents", agents).With("$exit", Db(t.ExitCode)).With("$reason", Db(t.Reason)).With("$at", Ms(t.At))
            .With("$outputs", Db(t.Outputs))
            .ExecuteNonQuery();
        if (t.State != TaskState.Running)
        {
            // whatever ran before ends with this change (a retry, a lost host, an outcome, a cancel)
            c.Command(EndAttempt)
                .With("$id", t.TaskId).With("$state", (int)t.State).With("$exit", Db(t.ExitCode))
                .With("$reason", Db(t.Reason)).With("$at", Ms(t.At))
                .ExecuteNonQuery();
        }
        else
        {
            c.Command(EndAttempt)
                .With("$id", t.TaskId).With("$state", (int)TaskState.Pending).With("$exit", DBNull.Value)
                .With("$reason", "superseded by a new attempt").With("$at", Ms(t.At))
                .ExecuteNonQuery();
            c.Command(StartAttempt)
                .With("$id", t.TaskId).With("$attempt", t.Attempt).With("$agents", agents ?? "[]").With("$at", Ms(t.At))
                .ExecuteNonQuery();
        }
    }

    private static void DeriveJob(WriteContext c, long jobId)
    {
        var states = new List<TaskState>();
        using (var reader = c.Command(JobTaskStates).With("$job", jobId).ExecuteReader())
        {
            while (reader.Read())
            {
                states.Add((TaskState)reader.GetInt32(0));
            }
        }

        var state = TaskStates.Aggregate(states);
        c.Command(UpdateJob)
            .With("$job", jobId).With("$state", (int)state).With("$final", state.IsFinal())
            .ExecuteNonQuery();
    }
}
