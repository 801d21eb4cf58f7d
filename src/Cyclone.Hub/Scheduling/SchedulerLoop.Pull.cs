using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    private long _readySignalled;

    /// <summary>Wakes pull workers waiting for tasks to become ready.</summary>
    public ReadyWatch ReadyTasks { get; } = new();

    /// <summary>Leases ready tasks to a pull worker; answers them once their attempts are durable.</summary>
    internal async Task<IReadOnlyList<PulledTask>> PullAsync(PullAsk ask, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var command = new PullLeaseCommand(ask, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(command);
        await command.Done.Task.WaitAsync(ct);
        return command.Tasks;
    }

    /// <summary>Applies a pull worker's reports; answers what became of each once that is durable.</summary>
    internal async Task<IReadOnlyList<PullVerdict>> ReportPulledAsync(
        string worker, PullAction action, IReadOnlyList<PullReport> reports, TimeSpan? leaseTime, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var command = new PullReportCommand(worker, action, reports, leaseTime, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(command);
        await command.Done.Task.WaitAsync(ct);
        return command.Verdicts;
    }

    private void HandlePullLease(PullLeaseCommand pull, DateTimeOffset now, SchedulerBatch batch)
    {
        foreach (var grant in _state.Pull(pull.Ask, now, batch.Effects))
        {
            pull.Tasks.Add(new PulledTask(grant, _state.FindTask(grant.TaskId)?.TimeLimit));
        }

        batch.Completions.Add(pull.Done);
    }

    private void HandlePullReport(PullReportCommand command, DateTimeOffset now, SchedulerBatch batch)
    {
        var fx = batch.Effects;
        var worker = command.Worker;
        _state.Touch(worker, command.LeaseTime, now);
        var changed = false;
        for (var i = 0; i < command.Reports.Count; i++)
        {
            var report = command.Reports[i];
            var task = _state.FindTask(report.TaskId);
            if (task is null)
            {
                command.Verdicts[i] = new PullVerdict(PullOutcome.NotActive, report.Attempt ?? 0, null, null);
                continue;
            }

            if (!_state.Holds(worker, report.TaskId, report.Attempt))
            {
                command.Verdicts[i] = new PullVerdict(PullOutcome.NotHeld, report.Attempt ?? 0, task.State, Describe(task, worker, report.Attempt));
                continue;
            }

            var attempt = task.Attempt;
            var first = fx.Transitions.Count;
            switch (command.Action)
            {
                case PullAction.Release:
                    _state.HandBack(worker, task.Id, attempt, now, fx);
                    changed = true;
                    break;
                case PullAction.Complete or PullAction.Fail:
                    var result = new PartResult(PartEnd.Exited, report.ExitCode, report.Message, report.Outputs);
                    _state.ReportOutcome(worker, task.Id, attempt, 0, result, now, fx);
                    changed = true;
                    break;
                default:
                    break; // a heartbeat: the worker's lease was renewed above
            }

            command.Verdicts[i] = new PullVerdict(PullOutcome.Done, attempt, StateAfter(task, fx, first), null);
        }

        if (changed)
        {
            _state.Dispatch(now, fx); // retried or handed back tasks, and released dependents, may go to waiting agents
        }

        batch.Completions.Add(command.Done);
    }

    /// <summary>A task's state after a report: its active state, else the final state this pass gave it.</summary>
    private TaskState StateAfter(SchedulerTask task, SchedulerEffects fx, int firstTransition)
    {
        if (_state.FindTask(task.Id) is { } active)
        {
            return active.State;
        }

        for (var i = firstTransition; i < fx.Transitions.Count; i++)
        {
            if (fx.Transitions[i].TaskId == task.Id && fx.Transitions[i].State.IsFinal())
            {
                return fx.Transitions[i].State;
            }
        }

        return task.State;
    }

    /// <summary>Why a worker does not hold the attempt it named, in words a user can act on.</summary>
    private static string Describe(SchedulerTask task, string worker, int? attempt)
    {
        var named = attempt is { } a ? $"attempt {a} of task {task.Id}" : $"task {task.Id}";
        var mine = PullWorkers.WorkerOf(worker);
        return task.State switch
        {
            TaskState.Pending => $"{named} is not leased to worker {mine}: the task is PENDING (attempt {task.Attempt} ended; its lease ran out or it was handed back)",
            TaskState.Blocked => $"{named} is not leased to worker {mine}: the task is BLOCKED (it waits for its dependencies)",
            _ => $"{named} is not leased to worker {mine}: the task is {task.State.ToWire()} as attempt {task.Attempt} on {string.Join(", ", task.PartAgents.Where(p => p is not null))}",
        };
    }

    /// <summary>After a pass: wakes waiting pull workers when a task joined the ready queue.</summary>
    private void SignalReady()
    {
        var sequence = _state.ReadySequence;
        if (sequence != _readySignalled)
        {
            _readySignalled = sequence;
            ReadyTasks.Signal();
        }
    }

    /// <summary>After a restart: the pull workers that held attempts keep them until they call again, or for a default lease.</summary>
    private void RestorePullWorkers(DateTimeOffset now)
    {
        var lease = _options.LeaseTimeout > PullWorkers.DefaultLease ? _options.LeaseTimeout : PullWorkers.DefaultLease;
        foreach (var name in _state.Agents.Select(a => a.Name).Where(PullWorkers.IsPull).ToList())
        {
            _state.Pulling(name, lease, now);
        }
    }
}
