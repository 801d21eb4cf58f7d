using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

/// <summary>A node part an agent says it is running.</summary>
public readonly record struct RunningPart(long TaskId, int Attempt, int NodeIndex);

public sealed partial class SchedulerState
{
    /// <summary>
    /// An agent (re)connects and says what it runs. Parts the hub knows as current continue;
    /// anything else it runs is stopped; parts the hub gave it that it no longer runs are redispatched.
    /// With <paramref name="draining"/> (an operator drained it) it keeps its parts but is given no new ones.
    /// </summary>
    public SchedulerAgent Connect(
        string name, AgentCapacity total, IReadOnlySet<string> labels, IReadOnlyList<RunningPart> running, DateTimeOffset now, SchedulerEffects fx, int prefetch = 0,
        DateTimeOffset? availableUntil = null, bool draining = false)
    {
        if (!_agents.TryGetValue(name, out var agent))
        {
            agent = new SchedulerAgent(name, total, labels);
            _agents.Add(name, agent);
        }

        agent.Total = total;
        agent.Prefetch = Math.Max(0, prefetch);
        agent.AvailableUntil = availableUntil;
        agent.Labels = labels;
        agent.Connected = true;
        agent.Draining = draining;
        agent.LastSeen = now;
        agent.AskedAt = ++_askSequence;

        var kept = new HashSet<(long, int)>();
        foreach (var part in running)
        {
            if (_tasks.TryGetValue(part.TaskId, out var task) && task.State == TaskState.Running && task.Attempt == part.Attempt
                && part.NodeIndex >= 0 && part.NodeIndex < task.Nodes && task.PartAgents[part.NodeIndex] == name && !task.PartDone[part.NodeIndex])
            {
                kept.Add((part.TaskId, part.NodeIndex));
                if (part.NodeIndex == 0 && task.PlacedWhole)
                {
                    kept.UnionWith(Enumerable.Range(1, task.Nodes - 1).Select(n => (part.TaskId, n)));
                }
            }
            else
            {
                fx.Stops.Add(new StopOrder(name, part.TaskId, part.Attempt, part.NodeIndex, "the hub does not know this attempt as current"));
            }
        }

        foreach (var (taskId, node) in agent.Parts.Where(p => !kept.Contains(p)).ToList())
        {
            if (!agent.Parts.Contains((taskId, node)))
            {
                continue; // another part of a task placed whole here, already ended with it
            }

            // the agent does not run this part any more: no stop order for it, only for the attempt's other nodes
            ReleaseParts(_tasks[taskId], node);
            EndAttempt(_tasks[taskId], new PartResult(PartEnd.HandedBack, -1, $"agent {name} came back without node {node} of it"), now, fx);
        }

        var free = total;
        foreach (var (taskId, _) in agent.Parts)
        {
            free = free.Minus(_tasks[taskId].Demand);
        }

        agent.Free = free;
        Dispatch(now, fx);
        return agent;
    }

    /// <summary>The agent asks for work (it has free slots); it joins the line of askers at the back.</summary>
    public void Ask(string name, DateTimeOffset now, SchedulerEffects fx)
    {
        if (_agents.TryGetValue(name, out var agent) && agent.Connected)
        {
            agent.LastSeen = now;
            agent.AskedAt = ++_askSequence;
            Dispatch(now, fx);
        }
    }

    /// <summary>The agent is alive; its leases are renewed.</summary>
    public void Heartbeat(string name, DateTimeOffset now)
    {
        if (_agents.TryGetValue(name, out var agent) && agent.Connected)
        {
            agent.LastSeen = now;
        }
    }

    /// <summary>The agent's stream closed. It keeps its parts until its lease runs out, in case it comes back.</summary>
    public void Disconnected(string name)
    {
        if (_agents.TryGetValue(name, out var agent))
        {
            agent.Connected = false;
        }
    }

    /// <summary>The agent takes no new work; with <paramref name="handBack"/> its running parts are redispatched now.</summary>
    public void Drain(string name, bool handBack, DateTimeOffset now, SchedulerEffects fx)
    {
        if (!_agents.TryGetValue(name, out var agent))
        {
            return;
        }

        agent.Draining = true;
        if (!handBack)
        {
            return;
        }

        foreach (var (taskId, node) in agent.Parts.ToList())
        {
            if (!agent.Parts.Contains((taskId, node)))
            {
                continue; // another part of a task placed whole here, already ended with it
            }

            var task = _tasks[taskId];
            EndAttempt(task, new PartResult(PartEnd.HandedBack, -1, $"agent {name} handed node {node} back"), now, fx);
        }

        Dispatch(now, fx);
    }

    /// <summary>
    /// The agent may no longer work here (its token was revoked or expired): it is forgotten and its running
    /// attempts are redispatched now, as when it is lost. False when no such agent is known.
    /// </summary>
    public bool Evict(string name, string reason, DateTimeOffset now, SchedulerEffects fx)
    {
        if (!_agents.Remove(name, out var agent))
        {
            return false;
        }

        foreach (var (taskId, node) in agent.Parts.ToList())
        {
            if (_tasks.TryGetValue(taskId, out var task) && task.State == TaskState.Running)
            {
                EndAttempt(task, new PartResult(PartEnd.HandedBack, -1, $"agent {name} removed ({reason})"), now, fx);
            }
        }

        Dispatch(now, fx);
        return true;
    }

    /// <summary>
    /// Time passes: agents silent past their lease timeout are presumed dead (their attempts are redispatched and
    /// their names returned so the hub can close their streams; a pull worker's name only when it held attempts),
    /// and running tasks far past their time limit end as TIMEOUT.
    /// </summary>
    public IReadOnlyList<string> Tick(DateTimeOffset now, SchedulerEffects fx)
    {
        var lost = _agents.Values.Where(a => now - a.LastSeen > (a.LeaseTimeout ?? _options.LeaseTimeout)).ToList();
        var reported = new List<string>(lost.Count);
        foreach (var agent in lost)
        {
            _agents.Remove(agent.Name);
            if (!agent.Pulling || agent.PartCount > 0)
            {
                reported.Add(agent.Name);
            }

            var seconds = (agent.LeaseTimeout ?? _options.LeaseTimeout).TotalSeconds;
            var why = agent.Pulling ? $"pull worker {agent.Name} made no call for {seconds:0}s" : $"agent {agent.Name} lost (no heartbeat for {seconds:0}s)";
            foreach (var (taskId, node) in agent.Parts.ToList())
            {
                if (_tasks.TryGetValue(taskId, out var task) && task.State == TaskState.Running)
                {
                    EndAttempt(task, new PartResult(PartEnd.HandedBack, -1, why), now, fx);
                }
            }
        }

        foreach (var id in _running.ToList())
        {
            var task = _tasks[id];
            if (task.TimeLimit is { } limit && task.StartedAt is { } started && now - started > limit + _options.TimeLimitBackstop)
            {
                StopParts(task, "time limit reached (hub backstop)", fx);
                Finish(task, TaskState.Timeout, now, fx, null, "time limit reached; the agent did not report it, so the hub ended it");
            }
        }

        if (lost.Count > 0)
        {
            Dispatch(now, fx);
        }

        return reported;
    }
}
