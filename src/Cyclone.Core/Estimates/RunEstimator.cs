using Cyclone.Core.Tasks;

namespace Cyclone.Core.Estimates;

/// <summary>
/// Estimates when each task of a run starts and finishes, and so the whole run, from past durations of the same
/// tasks. A task that has ended keeps its actual times; a running one finishes its typical duration after it
/// started (not before now); a waiting one starts once its last upstream finishes (not before now) and takes its
/// typical duration. Free slots are assumed: the figures show the run's critical path, not queueing behind other work.
/// </summary>
public static class RunEstimator
{
    public static RunEstimate Estimate(IReadOnlyList<EstimateInput> tasks, DurationHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(history);
        var byIndex = tasks.ToDictionary(t => t.Index);
        var done = new Dictionary<int, TaskEstimate>(tasks.Count);
        var visiting = new HashSet<int>();
        foreach (var task in tasks)
        {
            Visit(task);
        }

        var results = tasks.Select(t => done[t.Index]).ToList();
        var unknown = results.Count(e => e.Basis == EstimateBasis.Unknown);
        var start = results.Count == 0 ? now : results.Min(e => e.Start);
        var finish = results.Count == 0 ? now : results.Max(e => e.Finish);
        return new RunEstimate(start, finish, unknown == 0, unknown, results);

        TaskEstimate Visit(EstimateInput task)
        {
            if (done.TryGetValue(task.Index, out var known))
            {
                return known;
            }

            if (!visiting.Add(task.Index))
            {
                throw new ArgumentException($"the tasks' dependencies form a cycle through task {task.Index}", nameof(tasks));
            }

            var estimate = EstimateOne(task, history, now, task.Upstream.Where(byIndex.ContainsKey).Select(u => Visit(byIndex[u]).Finish));
            visiting.Remove(task.Index);
            done[task.Index] = estimate;
            return estimate;
        }
    }

    private static TaskEstimate EstimateOne(EstimateInput task, DurationHistory history, DateTimeOffset now, IEnumerable<DateTimeOffset> upstreamFinishes)
    {
        var typical = history.Typical(task.Key);
        if (task.State.IsFinal())
        {
            var end = task.EndedAt ?? now;
            return new TaskEstimate(task.Index, EstimateBasis.Actual, typical?.Samples ?? 0, typical?.Typical, task.StartedAt ?? end, end);
        }

        var basis = typical is null ? EstimateBasis.Unknown : EstimateBasis.History;
        var duration = typical?.Typical ?? TimeSpan.Zero;
        if (task.State == TaskState.Running && task.StartedAt is { } started)
        {
            return new TaskEstimate(task.Index, basis, typical?.Samples ?? 0, typical?.Typical, started, Max(now, started + duration));
        }

        var start = now;
        foreach (var finish in upstreamFinishes)
        {
            start = Max(start, finish);
        }

        return new TaskEstimate(task.Index, basis, typical?.Samples ?? 0, typical?.Typical, start, start + duration);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
