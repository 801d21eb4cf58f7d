using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

public sealed partial class SchedulerState
{
    /// <summary>
    /// A pull worker asks for work: up to <see cref="PullAsk.Max"/> ready single-node tasks whose labels it carries
    /// (of <see cref="PullAsk.Owner"/> only, when given), in dispatch order, each leased to it as a new attempt. Its
    /// attempts go back to the queue once it makes no call for <see cref="PullAsk.LeaseTime"/>. Returns the grants;
    /// they are not among the leases to send (a pull worker has no stream).
    /// </summary>
    public IReadOnlyList<LeaseGrant> Pull(PullAsk ask, DateTimeOffset now, SchedulerEffects fx)
    {
        var worker = Pulling(ask.Worker, ask.LeaseTime, now);
        worker.Labels = ask.Labels;
        var grants = new List<LeaseGrant>();
        var taken = new List<SchedulerTask>();
        var scanned = 0;
        foreach (var id in _ready.InOrder())
        {
            if (taken.Count >= ask.Max || ++scanned > _options.ScanDepth)
            {
                break;
            }

            var task = _tasks[id];
            if (task.Nodes == 1 && (ask.Owner is null || string.Equals(task.User, ask.Owner, StringComparison.Ordinal))
                && Placement.HasLabels(task.Demand, ask.Labels))
            {
                Lease(task, [worker], now, fx, grants);
                taken.Add(task);
            }
        }

        foreach (var task in taken)
        {
            _ready.Remove(task);
        }

        return grants;
    }

    /// <summary>
    /// Knows <paramref name="worker"/> as a pull worker whose attempts last <paramref name="leaseTime"/> from
    /// <paramref name="now"/>: a new one, or one restored from the store after a restart, before it calls again.
    /// </summary>
    public SchedulerAgent Pulling(string worker, TimeSpan leaseTime, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(worker, out var agent))
        {
            agent = new SchedulerAgent(worker, AgentCapacity.None, new HashSet<string>());
            _agents.Add(worker, agent);
        }

        agent.Pulling = true;
        agent.Connected = false;
        agent.LeaseTimeout = leaseTime;
        agent.LastSeen = now;
        return agent;
    }

    /// <summary>
    /// A pull worker called: its attempts are renewed (for <paramref name="leaseTime"/> from now, when given).
    /// False when no such pull worker is known (its lease ran out, or it never leased).
    /// </summary>
    public bool Touch(string worker, TimeSpan? leaseTime, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(worker, out var agent) || !agent.Pulling)
        {
            return false;
        }

        agent.LastSeen = now;
        if (leaseTime is { } time)
        {
            agent.LeaseTimeout = time;
        }

        return true;
    }

    /// <summary>True when <paramref name="attempt"/> (the current one when null) of the task runs, leased to <paramref name="worker"/>.</summary>
    public bool Holds(string worker, long taskId, int? attempt) =>
        _tasks.TryGetValue(taskId, out var task) && task.State == TaskState.Running && task.Nodes == 1
        && (attempt is null || task.Attempt == attempt) && task.PartAgents[0] == worker && !task.PartDone[0];

    /// <summary>
    /// A pull worker hands an attempt back unfinished: the task goes back to the queue for a new attempt. That is no
    /// failure and is never refused for the attempt limit. False (and nothing changes) unless the worker holds it.
    /// </summary>
    public bool HandBack(string worker, long taskId, int attempt, DateTimeOffset now, SchedulerEffects fx)
    {
        if (!Holds(worker, taskId, attempt))
        {
            return false;
        }

        var task = _tasks[taskId];
        ReleasePart(task, 0);
        Requeue(task, now, fx, $"handed back by {worker}");
        return true;
    }
}
