using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    public async Task<IReadOnlyDictionary<long, TaskState>> GetTaskStatesAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct)
    {
        var rows = await ReadAsync(
            $"SELECT id, state FROM tasks WHERE {In("id", "ids")};",
            c => c.With("ids", ListValue(taskIds)),
            r => (Id: r.GetInt64(0), State: (TaskState)r.GetInt32(1)),
            ct);
        return rows.ToDictionary(p => p.Id, p => p.State);
    }

    public async Task<IReadOnlyDictionary<int, string>> GetOutputsAsync(long jobId, IReadOnlyCollection<int> taskIndices, CancellationToken ct)
    {
        var rows = await ReadAsync(
            $"SELECT idx, outputs FROM tasks WHERE job_id = @job AND {In("idx", "idx")} AND outputs IS NOT NULL;",
            c => c.With("job", jobId).With("idx", ListValue(taskIndices)),
            r => (Index: r.GetInt32(0), Outputs: r.GetString(1)),
            ct);
        return rows.ToDictionary(p => p.Index, p => p.Outputs);
    }

    public Task<IReadOnlyList<long>> GetTaskIdsOfJobsAsync(IReadOnlyCollection<long> jobIds, CancellationToken ct) =>
        ReadAsync($"SELECT id FROM tasks WHERE {In("job_id", "jobs")} ORDER BY id;", c => c.With("jobs", ListValue(jobIds)), r => r.GetInt64(0), ct);
}
