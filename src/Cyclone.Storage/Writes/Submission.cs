using System.Text.Json;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Writes;

/// <summary>What both stores derive from a job before they store it: states, payload texts, task counts, resolved dependencies.</summary>
internal static class Submission
{
    public static void RequireTasks(IReadOnlyList<NewJob> jobs)
    {
        foreach (var job in jobs)
        {
            if (job.Tasks.Count == 0)
            {
                throw new ArgumentException($"Job '{job.Name}' has no tasks.", nameof(jobs));
            }
        }
    }

    public static TaskState InitialState(NewJob job) => job.Tasks.All(t => t.StartsBlocked) ? TaskState.Blocked : TaskState.Pending;

    public static TaskState InitialState(NewTask task) => task.StartsBlocked ? TaskState.Blocked : TaskState.Pending;

    /// <summary>
    /// The payload text the job's row keeps for the tasks that share the first task's payload object (the elements of an
    /// array): stored once instead of once per task.
    /// </summary>
    public static string SharedPayloadText(NewJob job) => PayloadText(job.Tasks[0].Payload);

    /// <summary>
    /// What each task's own payload column holds, in order: <see cref="SharedPayload"/> for a task that shares the
    /// first task's payload (read back as the job's <see cref="SharedPayloadText"/>), its own text otherwise. Tasks that
    /// share another payload share its text; the task index is a column of its own, not part of the text.
    /// </summary>
    public static IEnumerable<string> PayloadTexts(NewJob job)
    {
        var shared = job.Tasks[0].Payload;
        TaskPayload? serialized = null;
        var text = "";
        foreach (var t in job.Tasks)
        {
            if (ReferenceEquals(t.Payload, shared))
            {
                yield return SharedPayload;
                continue;
            }

            if (!ReferenceEquals(t.Payload, serialized))
            {
                serialized = t.Payload;
                text = PayloadText(t.Payload);
            }

            yield return text;
        }
    }

    /// <summary>A task's payload column when its payload is the job's shared one (no payload serializes to an empty text).</summary>
    public const string SharedPayload = "";

    private static string PayloadText(TaskPayload payload) => JsonSerializer.Serialize(payload with { TaskIndex = 0 }, StoreValues.Json);

    /// <summary>How many tasks start in each state (only states with any).</summary>
    public static IEnumerable<(TaskState State, int Count)> Counts(NewJob job)
    {
        var blocked = job.Tasks.Count(t => t.StartsBlocked);
        foreach (var (state, n) in new[] { (TaskState.Blocked, blocked), (TaskState.Pending, job.Tasks.Count - blocked) })
        {
            if (n > 0)
            {
                yield return (state, n);
            }
        }
    }

    /// <summary>Every dependency of the job's tasks as (task id, upstream task id, kind), given the ids its tasks got.</summary>
    /// <exception cref="ArgumentException">A dependency names an index the job does not have.</exception>
    public static List<(long Task, long Upstream, int Kind)> Dependencies(NewJob job, IReadOnlyList<long> taskIds)
    {
        var byIndex = new Dictionary<int, long>(job.Tasks.Count);
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            byIndex[job.Tasks[i].Index] = taskIds[i];
        }

        var rows = new List<(long, long, int)>();
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            foreach (var d in job.Tasks[i].Dependencies)
            {
                var upstream = d.UpstreamTaskId ?? (d.UpstreamIndex is { } idx && byIndex.TryGetValue(idx, out var id)
                    ? id
                    : throw new ArgumentException($"Task {job.Tasks[i].Index} of job '{job.Name}' depends on index {d.UpstreamIndex}, which the job does not have."));
                rows.Add((taskIds[i], upstream, (int)d.Kind));
            }
        }

        return rows;
    }
}
