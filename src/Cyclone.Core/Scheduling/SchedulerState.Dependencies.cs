using Cyclone.Core.Dependencies;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

public sealed partial class SchedulerState
{
    /// <summary>Per upstream task: the blocked tasks waiting for it, each with the kind of its dependency.</summary>
    private readonly Dictionary<long, List<(long Dependent, DependencyKind Kind)>> _dependents = [];

    /// <summary>
    /// Adds newly stored tasks. Tasks without dependencies become pending; the others stay blocked until
    /// their upstream tasks end. Upstream tasks that are no longer active are looked up with
    /// <paramref name="endedState"/> (null: unknown, which fails the dependency).
    /// </summary>
    public void Submit(IReadOnlyList<SchedulerTask> tasks, Func<long, TaskState?> endedState, DateTimeOffset now, SchedulerEffects fx)
    {
        foreach (var task in tasks)
        {
            task.State = TaskState.Blocked;
            _tasks.Add(task.Id, task);
        }

        foreach (var task in tasks)
        {
            if (task.State == TaskState.Blocked)
            {
                Wire(task, endedState, now, fx, persistRelease: task.Dependencies.Count > 0);
            }
        }
    }

    /// <summary>After a restart: links every restored blocked task to its upstream tasks again and releases those already free.</summary>
    public void ResolveRestored(Func<long, TaskState?> endedState, DateTimeOffset now, SchedulerEffects fx)
    {
        foreach (var task in _tasks.Values.Where(t => t.State == TaskState.Blocked).ToList())
        {
            if (task.State == TaskState.Blocked)
            {
                Wire(task, endedState, now, fx, persistRelease: true);
            }
        }
    }

    /// <summary>Task ids waiting for each event, for status displays.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> EventWaiters =>
        _eventWaiters.ToDictionary(p => p.Key, p => (IReadOnlyList<long>)[.. p.Value], StringComparer.Ordinal);

    /// <summary>
    /// Completes every task waiting for event <paramref name="name"/>, recorded at <paramref name="at"/>, with
    /// output <c>data</c> set to <paramref name="dataJson"/>. Returns how many. The event is remembered, so a
    /// task submitted before it that starts waiting later still receives it.
    /// </summary>
    public int DeliverEvent(string name, string dataJson, DateTimeOffset at, DateTimeOffset now, SchedulerEffects fx)
    {
        RememberEvent(name, at, dataJson);
        if (!_eventWaiters.Remove(name, out var waiters))
        {
            return 0;
        }

        var outputs = "{\"data\":" + dataJson + "}";
        var delivered = 0;
        foreach (var id in waiters)
        {
            if (_tasks.TryGetValue(id, out var task) && task.State == TaskState.Blocked)
            {
                Finish(task, TaskState.Completed, now, fx, exitCode: 0, reason: $"event {name} arrived", outputs);
                delivered++;
            }
        }

        return delivered;
    }

    private readonly Dictionary<string, List<long>> _eventWaiters = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (DateTimeOffset At, string Data)> _lastEvents = new(StringComparer.Ordinal);

    /// <summary>Remembers the latest event of a name (after a restart: the latest recorded one).</summary>
    public void RememberEvent(string name, DateTimeOffset at, string dataJson)
    {
        if (!_lastEvents.TryGetValue(name, out var last) || last.At <= at)
        {
            _lastEvents[name] = (at, dataJson);
        }
    }

    private void Wire(SchedulerTask task, Func<long, TaskState?> endedState, DateTimeOffset now, SchedulerEffects fx, bool persistRelease)
    {
        var unmet = 0;
        string? failure = null;
        foreach (var dep in task.Dependencies)
        {
            if (_tasks.ContainsKey(dep.UpstreamId))
            {
                if (!_dependents.TryGetValue(dep.UpstreamId, out var list))
                {
                    _dependents[dep.UpstreamId] = list = [];
                }

                list.Add((task.Id, dep.Kind));
                unmet++;
                continue;
            }

            var ended = endedState(dep.UpstreamId);
            if (ended is null)
            {
                failure ??= $"dependency on task {dep.UpstreamId}, which does not exist";
            }
            else if (!dep.Kind.IsMetBy(ended.Value))
            {
                failure ??= $"task {dep.UpstreamId} ended {ended.Value.ToWire()} ({dep.Kind.ToWire()})";
            }
        }

        if (failure is not null)
        {
            Finish(task, TaskState.UpstreamFailed, now, fx, exitCode: null, failure);
            return;
        }

        task.UnmetDependencies = unmet;
        if (unmet == 0)
        {
            Release(task, now, fx, persistRelease);
        }
    }

    /// <summary>A blocked task whose dependencies are all met: it waits for its event, or becomes pending.</summary>
    private void Release(SchedulerTask task, DateTimeOffset now, SchedulerEffects fx, bool persist)
    {
        if (task.WaitsForEvent is { } name)
        {
            if (_lastEvents.TryGetValue(name, out var last) && last.At >= task.SubmittedAt)
            {
                Finish(task, TaskState.Completed, now, fx, exitCode: 0, reason: $"event {name} arrived", "{\"data\":" + last.Data + "}");
                return;
            }

            if (!_eventWaiters.TryGetValue(name, out var list))
            {
                _eventWaiters[name] = list = [];
            }

            list.Add(task.Id);
            return;
        }

        var previous = task.State;
        task.State = TaskState.Pending;
        Enqueue(task);
        if (persist)
        {
            fx.Transitions.Add(new TaskTransition(task.Id, task.JobId, TaskState.Pending, task.Attempt, task.Failures, now, Previous: previous));
        }
    }

    /// <summary>
    /// Tells the tasks that wait for <paramref name="upstreamId"/> how it ended: each dependency is met or
    /// fails, which may release them or end them UPSTREAM_FAILED, and so on down the graph (iteratively).
    /// </summary>
    private void Cascade(long upstreamId, TaskState ended, DateTimeOffset now, SchedulerEffects fx)
    {
        var stack = new Stack<(long Id, TaskState State)>();
        stack.Push((upstreamId, ended));
        while (stack.Count > 0)
        {
            var (id, state) = stack.Pop();
            if (!_dependents.Remove(id, out var waiting))
            {
                continue;
            }

            foreach (var (dependentId, kind) in waiting)
            {
                if (!_tasks.TryGetValue(dependentId, out var dependent) || dependent.State != TaskState.Blocked)
                {
                    continue;
                }

                if (!kind.IsMetBy(state))
                {
                    RemoveEventWait(dependent);
                    FinishCore(dependent, TaskState.UpstreamFailed, now, fx, null, $"task {id} ended {state.ToWire()} ({kind.ToWire()})", null);
                    stack.Push((dependentId, TaskState.UpstreamFailed));
                }
                else if (--dependent.UnmetDependencies == 0)
                {
                    Release(dependent, now, fx, persist: true);
                }
            }
        }
    }

    private void RemoveEventWait(SchedulerTask task)
    {
        if (task.WaitsForEvent is { } name && _eventWaiters.TryGetValue(name, out var list))
        {
            list.Remove(task.Id);
        }
    }
}
