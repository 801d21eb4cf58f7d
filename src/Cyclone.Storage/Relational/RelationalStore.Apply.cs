using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Writes;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string UpdateTask = """
        UPDATE tasks SET state = @state, attempt = @attempt, failures = @failures,
            agents = coalesce(CAST(@agents AS text), agents), exit_code = CAST(@exit AS integer), reason = CAST(@reason AS text),
            outputs = coalesce(CAST(@outputs AS text), outputs),
            started_at = CASE WHEN @state = 2 THEN @at WHEN @state = 1 THEN NULL ELSE started_at END,
            ended_at = CASE WHEN @state >= 3 THEN @at ELSE NULL END
        WHERE id = @id;
        """;

    private const string StartAttempt = """
        INSERT INTO attempts (task_id, attempt, agents, started_at, state) VALUES (@id, @attempt, @agents, @at, 2)
        ON CONFLICT (task_id, attempt) DO UPDATE SET agents = excluded.agents, started_at = excluded.started_at, state = 2,
            ended_at = NULL, exit_code = NULL, reason = NULL;
        """;

    private const string EndAttempt = """
        UPDATE attempts SET ended_at = @at, state = @state, exit_code = CAST(@exit AS integer), reason = CAST(@reason AS text)
        WHERE task_id = @id AND ended_at IS NULL;
        """;

    private const string TaskStateOf = "SELECT state FROM tasks WHERE id = @id;";

    private const string CountDelta = """
        INSERT INTO job_task_counts (job_id, state, n) VALUES (@job, @state, @delta)
        ON CONFLICT (job_id, state) DO UPDATE SET n = job_task_counts.n + excluded.n;
        """;

    private const string JobTaskStates = "SELECT state FROM job_task_counts WHERE job_id = @job AND n > 0;";

    private const string FirstFailure = """
        SELECT exit_code FROM tasks WHERE job_id = @job AND exit_code IS NOT NULL AND exit_code <> 0 ORDER BY idx LIMIT 1;
        """;

    private const string UpdateJob = """
        UPDATE jobs SET state = @state,
            started_at = coalesce(started_at, CAST(@started AS bigint)),
            ended_at = CASE WHEN @final THEN coalesce(CAST(@ended AS bigint), ended_at) END,
            exit_code = CASE WHEN @final THEN CAST(@exit AS integer) END
        WHERE id = @job;
        """;

    public Task ApplyAsync(IReadOnlyList<TaskTransition> transitions, CancellationToken ct)
    {
        if (transitions.Count == 0)
        {
            return Task.CompletedTask;
        }

        return EnqueueAsync(c =>
        {
            var jobs = new Dictionary<long, JobChange>();
            foreach (var t in transitions)
            {
                if (!jobs.TryGetValue(t.JobId, out var change))
                {
                    jobs[t.JobId] = change = new JobChange();
                }

                TaskState? old;
                if (UpdateTaskReturningPrevious is { } update)
                {
                    old = (TaskState?)IntOrNull(Apply(c, t, update));
                }
                else
                {
                    old = t.Previous ?? (TaskState?)IntOrNull(c.Command(TaskStateOf).With("id", t.TaskId).ExecuteScalar());
                    Apply(c, t, UpdateTask);
                }

                change.Record(old, t);
                KeepResults(c, t);
            }

            foreach (var (job, change) in jobs)
            {
                DeriveJob(c, job, change);
            }

            return true;
        }, ct);
    }

    /// <summary>The task's update statement with the task's state before it as its result, where the database can do that in one step.</summary>
    private protected virtual string? UpdateTaskReturningPrevious => null;

    /// <summary>The task's update statement, for a store that reads the state before it (<see cref="UpdateTaskReturningPrevious"/>).</summary>
    private protected static string UpdateTaskStatement => UpdateTask;

    /// <summary>Applies one transition with <paramref name="update"/>; answers that statement's result.</summary>
    private static object? Apply(WriteContext c, TaskTransition t, string update)
    {
        var agents = t.Agents is null ? null : List(t.Agents);
        var result = c.Command(update)
            .With("id", t.TaskId).With("state", (int)t.State).With("attempt", t.Attempt).With("failures", t.Failures)
            .With("agents", agents).With("exit", Db(t.ExitCode)).With("reason", Db(t.Reason)).With("at", Ms(t.At))
            .With("outputs", Db(t.Outputs))
            .ExecuteScalar();
        if (t.State != TaskState.Running)
        {
            // whatever ran before ends with this change (a retry, a lost host, an outcome, a cancel)
            EndOpenAttempt(c, t.TaskId, t.State, t.ExitCode, t.Reason, t.At);
            return result;
        }

        if (t.Attempt > 1)
        {
            // only a later attempt can find an earlier one still open
            EndOpenAttempt(c, t.TaskId, TaskState.Pending, null, "superseded by a new attempt", t.At);
        }

        c.Command(StartAttempt)
            .With("id", t.TaskId).With("attempt", t.Attempt).With("agents", agents ?? "[]").With("at", Ms(t.At))
            .ExecuteNonQuery();
        return result;
    }

    private static void EndOpenAttempt(WriteContext c, long taskId, TaskState state, int? exit, string? reason, DateTimeOffset at) =>
        c.Command(EndAttempt)
            .With("id", taskId).With("state", (int)state).With("exit", Db(exit)).With("reason", Db(reason)).With("at", Ms(at))
            .ExecuteNonQuery();

    private static int? IntOrNull(object? scalar) =>
        scalar is null or DBNull ? null : Convert.ToInt32(scalar, System.Globalization.CultureInfo.InvariantCulture);

    private static void DeriveJob(WriteContext c, long jobId, JobChange change)
    {
        foreach (var (counted, delta) in change.Deltas)
        {
            if (delta != 0)
            {
                c.Command(CountDelta).With("job", jobId).With("state", (int)counted).With("delta", delta).ExecuteNonQuery();
            }
        }

        var states = new List<TaskState>();
        using (var reader = c.Command(JobTaskStates).With("job", jobId).ExecuteReader())
        {
            while (reader.Read())
            {
                states.Add((TaskState)reader.GetInt32(0));
            }
        }

        var state = TaskStates.Aggregate(states);
        var final = state.IsFinal();
        var exit = final ? (IntOrNull(c.Command(FirstFailure).With("job", jobId).ExecuteScalar()) ?? 0) : (int?)null;
        c.Command(UpdateJob)
            .With("job", jobId).With("state", (int)state).With("final", final)
            .With("started", Ms(change.FirstStart))
            .With("ended", Ms(change.LastEnd))
            .With("exit", Db(exit))
            .ExecuteNonQuery();
    }
}
