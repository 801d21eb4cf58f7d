using Cyclone.Core.Resources;

namespace Cyclone.Core.Scheduling;

/// <summary>The scheduler's view of one agent: what it has, what it holds, when it last spoke.</summary>
public sealed class SchedulerAgent
{
    public SchedulerAgent(string name, AgentCapacity total, IReadOnlySet<string> labels)
    {
        Name = name;
        Total = total;
        Labels = labels;
    }

    public string Name { get; }

    public AgentCapacity Total { get; internal set; }

    public IReadOnlySet<string> Labels { get; internal set; }

    /// <summary>Capacity not held by leases.</summary>
    public AgentCapacity Free { get; internal set; }

    /// <summary>True while the agent has a live stream to this hub.</summary>
    public bool Connected { get; internal set; }

    /// <summary>True while the agent takes no new work (shutting down or drained).</summary>
    public bool Draining { get; internal set; }

    public DateTimeOffset LastSeen { get; internal set; }

    /// <summary>
    /// When the agent goes away for good (a pilot agent's Slurm allocation ends); null: no known end. It is given no
    /// task whose time limit reaches past this.
    /// </summary>
    public DateTimeOffset? AvailableUntil { get; internal set; }

    /// <summary>
    /// True for a pull worker: it takes work through <see cref="SchedulerState.Pull"/> only, never from dispatch or
    /// prefetch, and has no stream.
    /// </summary>
    public bool Pulling { get; internal set; }

    /// <summary>How long it may stay silent before its attempts go back to the queue; null: the scheduler's lease timeout.</summary>
    public TimeSpan? LeaseTimeout { get; internal set; }

    /// <summary>When the agent last asked for work; earlier askers are served first.</summary>
    public long AskedAt { get; internal set; }

    /// <summary>
    /// Slots' worth of short tasks the agent queues beyond its free slots and starts as slots free up (0: none;
    /// the hub gives an agent its per-slot prefetch times its slots). <see cref="Free"/> may go below zero slots by up to this much.
    /// </summary>
    public int Prefetch { get; internal set; }

    /// <summary>The runner class of the single-node task it was last given: its warm environment.</summary>
    public string? WarmClass { get; internal set; }

    /// <summary>The node parts it holds: (task id, node index).</summary>
    internal HashSet<(long TaskId, int Node)> Parts { get; } = [];

    public int PartCount => Parts.Count;
}
