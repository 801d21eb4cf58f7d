using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

/// <summary>A task that ended without success, to be put back in the queue: its last state and attempt as stored.</summary>
public readonly record struct RequeuedTask(SchedulerTask Task, TaskState Ended, int Attempt);

public sealed partial class SchedulerState
{
    /// <summary>
    /// Puts ended tasks back as new attempts (a retry by request): each becomes BLOCKED, then is wired to its upstream
    /// tasks as at submission (pending at once when they are met), with its failure count reset so that its retries
    /// apply again. Attempt numbers go on from <see cref="RequeuedTask.Attempt"/>, so earlier attempts stay on record.
    /// A task already active again is left alone. Returns how many were put back.
    /// </summary>
    public int Requeue(IReadOnlyList<RequeuedTask> tasks, Func<long, TaskState?> endedState, DateTimeOffset now, SchedulerEffects fx)
    {
        var fresh = tasks.Where(r => r.Ended > TaskState.Completed && !_tasks.ContainsKey(r.Task.Id)).ToList();
        foreach (var (task, ended, attempt) in fresh)
        {
            task.State = TaskState.Blocked;
            task.Attempt = attempt;
            task.Failures = 0;
            task.ClearParts();
            _tasks.Add(task.Id, task);
            fx.Transitions.Add(new TaskTransition(task.Id, task.JobId, TaskState.Blocked, attempt, 0, now, Reason: "requeued by request", Previous: ended));
        }

        foreach (var (task, _, _) in fresh)
        {
            if (task.State == TaskState.Blocked)
            {
                Wire(task, endedState, now, fx, persistRelease: true);
            }
        }

        Dispatch(now, fx);
        return fresh.Count;
    }

    /// <summary>A drained agent takes new work again (it must be connected); false when no such agent is connected.</summary>
    public bool Resume(string name, DateTimeOffset now, SchedulerEffects fx)
    {
        if (!_agents.TryGetValue(name, out var agent) || !agent.Connected || agent.Pulling)
        {
            return false;
        }

        agent.Draining = false;
        agent.AskedAt = ++_askSequence;
        Dispatch(now, fx);
        return true;
    }

    /// <summary>The node parts an agent holds now, as (task, node index); empty for an unknown agent.</summary>
    public IReadOnlyList<(SchedulerTask Task, int Node)> PartsOf(string name) =>
        _agents.TryGetValue(name, out var agent)
            ? [.. agent.Parts.Where(p => _tasks.ContainsKey(p.TaskId)).Select(p => (_tasks[p.TaskId], p.Node)).OrderBy(p => p.Item1.Id)]
            : [];
}
