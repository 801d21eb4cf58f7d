using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public Task<IReadOnlyList<(long TaskId, long UpstreamId)>> GetDependenciesOfJobAsync(long jobId, CancellationToken ct) =>
        ReadAsync(
            "SELECT d.task_id, d.upstream_id FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.job_id = @job;",
            c => c.With("job", jobId), r => (r.GetInt64(0), r.GetInt64(1)), ct);

    public Task<IReadOnlyList<PastDuration>> GetPastDurationsAsync(PastDurationQuery query, CancellationToken ct)
    {
        // the jobs come from an index (jobs_by_workflow, jobs_by_user), their tasks from tasks_by_job: no scan of all tasks
        var jobs = query.Workflow is null
            ? "SELECT id FROM jobs WHERE \"user\" = @user AND name = @name AND id < @before ORDER BY id DESC LIMIT @jobs"
            : "SELECT id FROM jobs WHERE workflow = @workflow AND id < @before ORDER BY id DESC LIMIT @jobs";
        return ReadAsync(
            $"""
            SELECT t.name, t.ended_at - t.started_at FROM tasks t
            WHERE t.job_id IN ({jobs}) AND t.state = 3 AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL
            ORDER BY t.job_id DESC, t.idx;
            """,
            c =>
            {
                c.With("before", query.BeforeJobId).With("jobs", query.Jobs);
                if (query.Workflow is null)
                {
                    c.With("user", query.User).With("name", query.Name);
                }
                else
                {
                    c.With("workflow", query.Workflow);
                }
            },
            r => new PastDuration(r.GetString(0), TimeSpan.FromMilliseconds(r.GetInt64(1))), ct);
    }
}
