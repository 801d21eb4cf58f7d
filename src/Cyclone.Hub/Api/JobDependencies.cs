using Cyclone.Core.Dependencies;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Api;

/// <summary>Turns <c>--dependency afterok:12:13</c> into dependencies on every task of the jobs named.</summary>
internal static class JobDependencies
{
    public static async Task<(IReadOnlyList<NewDependency> Dependencies, string? Error)> ResolveAsync(
        IStore store, IReadOnlyList<(DependencyKind Kind, long JobId)> clauses, CancellationToken ct)
    {
        var result = new List<NewDependency>();
        var missing = new List<long>();
        foreach (var (kind, jobId) in clauses)
        {
            var taskIds = await store.GetTaskIdsOfJobsAsync([jobId], ct);
            if (taskIds.Count == 0)
            {
                missing.Add(jobId);
                continue;
            }

            result.AddRange(taskIds.Select(id => NewDependency.OnTask(id, kind)));
        }

        return missing.Count > 0
            ? (result, $"the dependency names job{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}, which do{(missing.Count > 1 ? "" : "es")} not exist")
            : (result, null);
    }
}
