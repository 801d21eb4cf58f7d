namespace Cyclone.Protocol.Rest;

/// <summary>
/// The <c>pulse</c> event of <c>GET /api/v1/stream</c>, sent every interval (and as <c>hello</c> on connect): the
/// cluster as the scheduler last published it, and the task changes of the interval.
/// </summary>
public sealed record StreamPulseDto
{
    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The length of the interval the counters cover, in milliseconds.</summary>
    public int IntervalMs { get; init; }

    public int AgentsUp { get; init; }

    public int AgentsDraining { get; init; }

    /// <summary>Agents the hub knows that are not connected (known from this hub's lifetime).</summary>
    public int AgentsDown { get; init; }

    public int SlotsBusy { get; init; }

    public int SlotsTotal { get; init; }

    /// <summary>Tasks ready to run and waiting for a slot.</summary>
    public int ReadyTasks { get; init; }

    /// <summary>Tasks that have not ended (blocked, pending or running).</summary>
    public int ActiveTasks { get; init; }

    /// <summary>Tasks that ended COMPLETED in the interval.</summary>
    public long Completed { get; init; }

    /// <summary>Tasks that ended otherwise (FAILED, TIMEOUT, CANCELLED, UPSTREAM_FAILED) in the interval.</summary>
    public long Failed { get; init; }

    /// <summary>Task state changes in the interval.</summary>
    public long Transitions { get; init; }

    /// <summary>Changes whenever an agent comes, goes, or changes state or slots in use: reload the agents then.</summary>
    public string AgentsVersion { get; init; } = "";
}
