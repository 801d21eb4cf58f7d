using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

public sealed partial class SchedulerState
{
    private const int PrefetchScanDepth = 64;

    /// <summary>
    /// Hands ready tasks to agents with free capacity, the agent that asked first served first,
    /// each taking what fits in priority-then-age order. Multi-node tasks are placed all-or-nothing
    /// on distinct agents, starting with the asking agent, or whole on an asking agent that stands for a cluster
    /// (<see cref="Placement.FitsWhole"/>).
    /// </summary>
    public void Dispatch(DateTimeOffset now, SchedulerEffects fx)
    {
        if (_ready.Count == 0)
        {
            return;
        }

        var askers = _agents.Values
            .Where(a => a.Connected && !a.Draining && !a.Pulling && a.Free.Slots > 0)
            .OrderBy(a => a.AskedAt)
            .ToList();
        var taken = new List<SchedulerTask>();
        foreach (var agent in askers)
        {
            if (_ready.Count == 0)
            {
                break;
            }

            if (agent.Free.Slots <= 0)
            {
                continue; // filled by a gang placed for an earlier asker
            }

            taken.Clear();
            TakeWarm(agent, now, fx, taken);
            var scanned = 0;
            foreach (var id in _ready.InOrder())
            {
                if (++scanned > _options.ScanDepth || agent.Free.Slots <= 0)
                {
                    break;
                }

                var task = _tasks[id];
                if (task.State != TaskState.Pending)
                {
                    continue; // taken by this agent's warm pass
                }

                if (task.Nodes == 1)
                {
                    if (Placement.Fits(task.Demand, agent.Free, agent.Labels) && Placement.FitsInTime(task.TimeLimit, agent.AvailableUntil, now))
                    {
                        Lease(task, [agent], now, fx);
                        agent.WarmClass = task.RunnerClass;
                        taken.Add(task);
                    }

                    continue;
                }

                if (Placement.FitsWhole(task.Demand, task.Nodes, agent.Free, agent.Labels) && Placement.FitsInTime(task.TimeLimit, agent.AvailableUntil, now))
                {
                    // an agent that stands for a cluster (Slurm) takes the whole task and runs it as one job of that many nodes
                    Lease(task, Enumerable.Repeat(agent, task.Nodes).ToList(), now, fx);
                    taken.Add(task);
                    continue;
                }

                var gang = Placement.PlaceGang(
                    task.Demand, task.Nodes, askers.Where(a => a == agent).Concat(askers.Where(a => a != agent)).Where(a => Placement.FitsInTime(task.TimeLimit, a.AvailableUntil, now)),
                    a => a.Free, a => a.Labels);
                if (gang is not null)
                {
                    Lease(task, gang, now, fx);
                    taken.Add(task);
                }
            }

            foreach (var task in taken)
            {
                _ready.Remove(task);
            }
        }

        if (_ready.Count > 0)
        {
            Prefetch(now, fx);
        }
    }

    /// <summary>
    /// When ready tasks remain after every free slot is taken: short single-node tasks go to agents that offer
    /// a prefetch queue, which start them as their slots free up, instead of each waiting a round trip to the hub.
    /// </summary>
    private void Prefetch(DateTimeOffset now, SchedulerEffects fx)
    {
        var taken = new List<SchedulerTask>();
        foreach (var agent in _agents.Values.Where(a => a.Connected && !a.Draining && !a.Pulling && a.Prefetch > 0).OrderBy(a => a.AskedAt))
        {
            taken.Clear();
            var scanned = 0;
            foreach (var id in _ready.InOrder())
            {
                // only near the head of the line: a prefetch never reaches deep past tasks that wait for a free slot
                var credit = agent.Free with { Slots = agent.Free.Slots + agent.Prefetch };
                if (++scanned > PrefetchScanDepth + agent.Prefetch || credit.Slots <= 0)
                {
                    break;
                }

                var task = _tasks[id];
                if (task.Nodes == 1 && _durations.IsShort(task.RunnerClass, _options.ShortTask)
                    && Placement.Fits(task.Demand, credit, agent.Labels) && agent.Total.Holds(task.Demand) && Placement.FitsInTime(task.TimeLimit, agent.AvailableUntil, now))
                {
                    Lease(task, [agent], now, fx);
                    taken.Add(task);
                }
            }

            foreach (var task in taken)
            {
                _ready.Remove(task);
            }
        }
    }

    /// <summary>
    /// Before the usual pass: tasks of the class the agent ran last, among those of the highest waiting
    /// priority, so that a runner keeps reusing its warm environment while such tasks wait.
    /// </summary>
    private void TakeWarm(SchedulerAgent agent, DateTimeOffset now, SchedulerEffects fx, List<SchedulerTask> taken)
    {
        if (agent.WarmClass is not { } warm)
        {
            return;
        }

        int? top = null;
        var scanned = 0;
        foreach (var id in _ready.InOrder())
        {
            var task = _tasks[id];
            top ??= task.Priority;
            if (++scanned > _options.ScanDepth || agent.Free.Slots <= 0 || task.Priority < top)
            {
                break;
            }

            if (task.Nodes == 1 && task.RunnerClass == warm && Placement.Fits(task.Demand, agent.Free, agent.Labels) && Placement.FitsInTime(task.TimeLimit, agent.AvailableUntil, now))
            {
                Lease(task, [agent], now, fx);
                taken.Add(task);
            }
        }
    }

    /// <summary>Starts a new attempt on <paramref name="agents"/>; its grants go to <paramref name="grants"/> (default: the leases to send).</summary>
    private void Lease(SchedulerTask task, IReadOnlyList<SchedulerAgent> agents, DateTimeOffset now, SchedulerEffects fx, List<LeaseGrant>? grants = null)
    {
        var previous = task.State;
        task.State = TaskState.Running;
        task.Attempt++;
        task.StartedAt = now;
        task.ReportedOutputs = null;
        _running.Add(task.Id);
        var names = agents.Select(a => a.Name).ToArray();
        for (var node = 0; node < agents.Count; node++)
        {
            var agent = agents[node];
            agent.Free = agent.Free.Minus(task.Demand);
            agent.Parts.Add((task.Id, node));
            task.PartAgents[node] = agent.Name;
            task.PartDone[node] = false;
            if (node > 0 && agent == agents[0])
            {
                continue; // placed whole: the agent gets one lease, for node 0, that stands for every node
            }

            (grants ?? fx.Leases).Add(new LeaseGrant(agent.Name, task.Id, task.JobId, task.Attempt, node, names));
        }

        fx.Transitions.Add(new TaskTransition(task.Id, task.JobId, TaskState.Running, task.Attempt, task.Failures, now, Agents: names, Previous: previous));
    }
}
