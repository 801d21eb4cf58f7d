using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cyclone.Bench.Swarm;

/// <summary>
/// What the whole swarm saw, shared by its agents: when each task's first lease arrived (a <see cref="Stopwatch"/>
/// timestamp, the clock the submitters use too), and running counts of the messages sent and received.
/// </summary>
public sealed class SwarmLedger
{
    private readonly ConcurrentDictionary<long, long> _firstLeaseAt = new();
    private long _leases;
    private long _outcomes;
    private long _heartbeats;
    private long _stops;

    /// <summary>Leases received (every attempt counts).</summary>
    public long Leases => Interlocked.Read(ref _leases);

    /// <summary>Outcomes reported: tasks the swarm finished.</summary>
    public long Outcomes => Interlocked.Read(ref _outcomes);

    public long Heartbeats => Interlocked.Read(ref _heartbeats);

    /// <summary>Stop orders received (a healthy run has none: every reported attempt is current).</summary>
    public long Stops => Interlocked.Read(ref _stops);

    /// <summary>Tasks leased at least once.</summary>
    public int LeasedTasks => _firstLeaseAt.Count;

    /// <summary>Notes that a lease of <paramref name="taskId"/> arrived at <paramref name="timestamp"/>; only the first counts for latency.</summary>
    public void Leased(long taskId, long timestamp)
    {
        Interlocked.Increment(ref _leases);
        _firstLeaseAt.TryAdd(taskId, timestamp);
    }

    /// <summary>When the first lease of <paramref name="taskId"/> arrived, if it did.</summary>
    public bool TryFirstLease(long taskId, out long timestamp) => _firstLeaseAt.TryGetValue(taskId, out timestamp);

    public void Reported(int outcomes) => Interlocked.Add(ref _outcomes, outcomes);

    public void HeartbeatSent() => Interlocked.Increment(ref _heartbeats);

    public void StopsReceived(int stops) => Interlocked.Add(ref _stops, stops);
}
