using System.Text.Json;
using Cyclone.Core.Tasks;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyDictionary<long, TaskState>> GetTaskStatesAsync(IReadOnlyCollection<long> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0)
        {
            return new Dictionary<long, TaskState>();
        }

        var rows = await ReadAsync(
            "SELECT id, state FROM tasks WHERE id IN (SELECT value FROM json_each($ids));",
            c => c.With("$ids", JsonSerializer.Serialize(taskIds, Json)),
            r => (Id: r.GetInt64(0), State: (TaskState)r.GetInt32(1)),
            ct);
        return rows.ToDictionary(p => p.Id, p => p.State);
    }

    public async Task<IReadOnlyDictionary<int, string>> GetOutputsAsync(long jobId, IReadOnlyCollection<int> taskIndices, CancellationToken ct)
    {
        if (taskIndices.Count == 0)
        {
            return new Dictionary<int, string>();
        }

        var rows = await ReadAsync(
            "SELECT idx, outputs FROM tasks WHERE job_id = $job AND idx IN (SELECT value FROM json_each($idx)) AND outputs IS NOT NULL;",
            c => c.With("$job", jobId).With("$idx", JsonSerializer.Serialize(taskIndices, Json)),
            r => (Index: r.GetInt32(0), Outputs: r.GetString(1)),
            ct);
        return rows.ToDictionary(p => p.Index, p => p.Outputs);
    }

    public async Task<IReadOnlyList<long>> GetTaskIdsOfJobsAsync(IReadOnlyCollection<long> jobIds, CancellationToken ct) =>
        await ReadAsync(
            "SELECT id FROM tasks WHERE job_id IN (SELECT value FROM json_each($jobs)) ORDER BY id;",
            c => c.With("$jobs", JsonSerializer.Serialize(jobIds, Json)),
            r => r.GetInt64(0),
            ct);
}
