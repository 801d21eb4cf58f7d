using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

/// <summary>
/// All scheduling state: active tasks, the ready queue and the agents. Pure and single-threaded:
/// the hub's scheduler loop is its only caller. Each operation appends to a
/// <see cref="SchedulerEffects"/> what must be persisted (transitions) and then sent (leases, stops).
/// </summary>
public sealed partial class SchedulerState
{
    private readonly Dictionary<long, SchedulerTask> _tasks = [];
    private readonly Dictionary<string, SchedulerAgent> _agents = new(StringComparer.Ordinal);
    private readonly ReadyQueue _ready = new();
    private readonly HashSet<long> _running = [];
    private readonly SchedulerOptions _options;
    private long _askSequence;
    private readonly RunnerClassDurations _durations = new();

    public SchedulerState(SchedulerOptions options)
    {
        _options = options;
    }

    public SchedulerOptions Options => _options;

    /// <summary>Recent durations by runner class (for dispatch and for the API).</summary>
    public RunnerClassDurations Durations => _durations;

    /// <summary>Active tasks (pending, running, blocked).</summary>
    public int ActiveCount => _tasks.Count;

    public int ReadyCount => _ready.Count;

    /// <summary>Grows each time a task joins the ready queue (submitted, released, retried, handed back).</summary>
    public long ReadySequence => _ready.Added;

    public IReadOnlyCollection<SchedulerAgent> Agents => _agents.Values;

    public SchedulerTask? FindTask(long taskId) => _tasks.GetValueOrDefault(taskId);

    /// <summary>Every active task (blocked, pending, running), in no particular order.</summary>
    public IEnumerable<SchedulerTask> ActiveTasks => _tasks.Values;

    public SchedulerAgent? FindAgent(string name) => _agents.GetValueOrDefault(name);

    /// <summary>Task ids in the order they would be dispatched.</summary>
    public IEnumerable<long> ReadyOrder() => _ready.InOrder();

    /// <summary>Adds a newly submitted (already durable) task without dependencies in the pending state.</summary>
    public void Add(SchedulerTask task)
    {
        task.State = TaskState.Pending;
        _tasks.Add(task.Id, task);
        Enqueue(task);
    }

    /// <summary>
    /// Restores a task from the store after a restart. A running task keeps its attempt and its
    /// agents, which have one lease timeout from <paramref name="now"/> to reconnect and claim it.
    /// </summary>
    public void Restore(SchedulerTask task, TaskState state, int attempt, int failures, IReadOnlyList<string?> partAgents, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        task.State = state;
        task.Attempt = attempt;
        task.Failures = failures;
        task.StartedAt = startedAt;
        _tasks.Add(task.Id, task);
        if (state == TaskState.Pending)
        {
            Enqueue(task);
            return;
        }

        if (state != TaskState.Running)
        {
            return;
        }

        _running.Add(task.Id);
        AdmitRunning(task);

        for (var node = 0; node < task.Nodes; node++)
        {
            var name = node < partAgents.Count ? partAgents[node] : null;
            if (name is null)
            {
                continue;
            }

            if (!_agents.TryGetValue(name, out var agent))
            {
                // Known only from the store until it reconnects; its capacity is learned then.
                agent = new SchedulerAgent(name, AgentCapacity.None, new HashSet<string>()) { LastSeen = now };
                _agents.Add(name, agent);
            }

            task.PartAgents[node] = name;
            agent.Parts.Add((task.Id, node));
        }
    }

    /// <summary>
    /// Cancels the given tasks: blocked and pending ones end at once, running ones are told to stop.
    /// Tasks cancelled together end CANCELLED even when one depends on another; tasks outside the set
    /// that depend on them are released or end UPSTREAM_FAILED as their dependency kinds say.
    /// </summary>
    public void Cancel(IEnumerable<long> taskIds, string reason, DateTimeOffset now, SchedulerEffects fx)
    {
        var cancelled = new List<long>();
        foreach (var id in taskIds)
        {
            if (!_tasks.TryGetValue(id, out var task))
            {
                continue;
            }

            if (task.State == TaskState.Running)
            {
                StopParts(task, reason, fx);
            }

            RemoveEventWait(task);
            FinishCore(task, TaskState.Cancelled, now, fx, exitCode: null, reason, outputs: null);
            cancelled.Add(id);
        }

        foreach (var id in cancelled)
        {
            Cascade(id, TaskState.Cancelled, now, fx);
        }

        Dispatch(now, fx);
    }

    /// <summary>Why a demand can never be met by the agents connected now; null when it can (or none are connected).</summary>
    public string? WhyUnsatisfiable(NodeDemand demand, int nodes)
    {
        var connected = _agents.Values.Where(a => a.Connected && !a.Draining && !a.Pulling).Select(a => (a.Total, a.Labels)).ToList();
        return connected.Count == 0 ? null : Placement.WhyUnsatisfiable(demand, nodes, connected);
    }

    private void Finish(SchedulerTask task, TaskState state, DateTimeOffset now, SchedulerEffects fx, int? exitCode, string? reason, string? outputs = null)
    {
        FinishCore(task, state, now, fx, exitCode, reason, outputs);
        Cascade(task.Id, state, now, fx);
    }

    /// <summary>Ends a task and records it, without telling its dependents (see <see cref="Cascade"/>).</summary>
    private void FinishCore(SchedulerTask task, TaskState state, DateTimeOffset now, SchedulerEffects fx, int? exitCode, string? reason, string? outputs)
    {
        var previous = task.State;
        if (previous == TaskState.Pending && !task.Held)
        {
            _ready.Remove(task);
        }

        task.State = state;
        _tasks.Remove(task.Id);
        _running.Remove(task.Id);
        if (previous is TaskState.Pending or TaskState.Running)
        {
            Leave(task);
        }

        fx.Transitions.Add(new TaskTransition(task.Id, task.JobId, state, task.Attempt, task.Failures, now, exitCode, reason, Outputs: outputs, Previous: previous));
    }
}
