using System.Collections.Concurrent;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// Wakes callers waiting for a job to end (<c>GET /jobs/{id}?wait=</c>). The scheduler loop reports the jobs
/// whose tasks reached a final state once that is durable; a waiter then reads the job again. A waiter
/// takes <see cref="NextChange"/> before reading the job, so no change between the read and the wait is missed.
/// </summary>
public sealed class JobEndWatch
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    /// <summary>Completes at the next durable final-state change of a task of <paramref name="jobId"/>.</summary>
    public Task NextChange(long jobId) =>
        _waiting.GetOrAdd(jobId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Called by the loop after <paramref name="transitions"/> are durable.</summary>
    internal void Report(List<TaskTransition> transitions)
    {
        if (_waiting.IsEmpty)
        {
            return;
        }

        foreach (var t in transitions)
        {
            if (t.State.IsFinal() && _waiting.TryRemove(t.JobId, out var waiters))
            {
                waiters.TrySetResult();
            }
        }
    }
}
