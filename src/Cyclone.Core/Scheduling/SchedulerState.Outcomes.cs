using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

public sealed partial class SchedulerState
{
    /// <summary>
    /// Records how one node part of an attempt ended. Only the current attempt's report from the
    /// agent that holds the part counts; anything else is ignored and counted.
    /// </summary>
    public void ReportOutcome(string agentName, long taskId, int attempt, int node, PartResult result, DateTimeOffset now, SchedulerEffects fx)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || task.State != TaskState.Running || task.Attempt != attempt
            || node < 0 || node >= task.Nodes || task.PartAgents[node] != agentName || task.PartDone[node])
        {
            fx.IgnoredOutcomes++;
            return;
        }

        ReleaseParts(task, node);
        if (node == 0 && result.Outputs is not null)
        {
            task.ReportedOutputs = result.Outputs;
        }

        if (_agents.TryGetValue(agentName, out var agent))
        {
            agent.LastSeen = now;
            agent.AskedAt = ++_askSequence;
        }

        if (!result.Succeeded)
        {
            EndAttempt(task, result, now, fx);
        }
        else if (Array.TrueForAll(task.PartDone, d => d))
        {
            if ((result.RunTime ?? (task.StartedAt is { } started ? now - started : (TimeSpan?)null)) is { } ran)
            {
                _durations.Record(task.RunnerClass, ran); // how long it ran, not how long it queued on the agent
            }

            Finish(task, TaskState.Completed, now, fx, exitCode: 0, reason: null, task.ReportedOutputs);
        }
    }

    /// <summary>
    /// Ends the current attempt of a running task early: its remaining parts are stopped, and it is
    /// retried, redispatched or finished according to how it ended and the attempts it has left.
    /// </summary>
    private void EndAttempt(SchedulerTask task, PartResult result, DateTimeOffset now, SchedulerEffects fx)
    {
        StopParts(task, result.Message ?? $"another node of attempt {task.Attempt} ended", fx);
        switch (result.End)
        {
            case PartEnd.TimedOut:
                Finish(task, TaskState.Timeout, now, fx, result.ExitCode, result.Message ?? "time limit reached");
                break;
            case PartEnd.HandedBack:
            case PartEnd.Stopped:
                if (task.Attempt < _options.MaxAttempts)
                {
                    Requeue(task, now, fx, result.Message ?? "attempt handed back");
                }
                else
                {
                    Finish(task, TaskState.Failed, now, fx, null, $"attempt limit of {_options.MaxAttempts} reached: {result.Message}");
                }

                break;
            default:
                task.Failures++;
                if (task.Failures <= task.MaxRetries && task.Attempt < _options.MaxAttempts)
                {
                    Requeue(task, now, fx, result.Message ?? $"exit code {result.ExitCode}; retrying");
                }
                else
                {
                    Finish(task, TaskState.Failed, now, fx, result.End == PartEnd.StartFailed ? null : result.ExitCode, result.Message);
                }

                break;
        }
    }

    private void Requeue(SchedulerTask task, DateTimeOffset now, SchedulerEffects fx, string reason)
    {
        var previous = task.State;
        task.State = TaskState.Pending;
        task.StartedAt = null;
        task.ReportedOutputs = null;
        task.ClearParts();
        _running.Remove(task.Id);
        _ready.Add(task);
        fx.Transitions.Add(new TaskTransition(task.Id, task.JobId, TaskState.Pending, task.Attempt, task.Failures, now, Reason: reason, Previous: previous));
    }

    /// <summary>Tells every agent still running a part of the current attempt to stop it, and frees its capacity.</summary>
    private void StopParts(SchedulerTask task, string reason, SchedulerEffects fx)
    {
        for (var node = 0; node < task.Nodes; node++)
        {
            var name = task.PartAgents[node];
            if (name is null || task.PartDone[node])
            {
                continue;
            }

            if (node > 0 && task.PlacedWhole)
            {
                ReleasePart(task, node); // the agent holds one lease for all of them, node 0's
                continue;
            }

            fx.Stops.Add(new StopOrder(name, task.Id, task.Attempt, node, reason));
            ReleasePart(task, node);
        }
    }

    /// <summary>Releases <paramref name="node"/>, or every part when the task is placed whole on one agent (its lease stands for them all).</summary>
    private void ReleaseParts(SchedulerTask task, int node)
    {
        if (!task.PlacedWhole)
        {
            ReleasePart(task, node);
            return;
        }

        for (var n = 0; n < task.Nodes; n++)
        {
            if (!task.PartDone[n])
            {
                ReleasePart(task, n);
            }
        }
    }

    private void ReleasePart(SchedulerTask task, int node)
    {
        task.PartDone[node] = true;
        var name = task.PartAgents[node];
        if (name is not null && _agents.TryGetValue(name, out var agent) && agent.Parts.Remove((task.Id, node)))
        {
            agent.Free = agent.Free.Plus(task.Demand);
        }
    }
}
