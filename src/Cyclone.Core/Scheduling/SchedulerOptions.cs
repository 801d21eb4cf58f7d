namespace Cyclone.Core.Scheduling;

/// <summary>Tunables of the scheduler's state machine.</summary>
public sealed class SchedulerOptions
{
    /// <summary>
    /// How long an agent may stay silent before it is presumed dead and its attempts are
    /// redispatched. Default: 15 seconds.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most attempts a task gets in all, counting redispatches after a lost host as well as
    /// retries after failures. Default: 10.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How far past its time limit a running task may go before the hub itself ends it as TIMEOUT
    /// (the agent enforces the limit first; this is the backstop). Default: 60 seconds.
    /// </summary>
    public TimeSpan TimeLimitBackstop { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tasks of a runner class whose recent attempts took less than this on average may be queued on an agent
    /// ahead of its free slots (up to the prefetch the agent offers), so that short tasks do not wait a round
    /// trip to the hub between one another. Only when no agent has a free slot for them. Default: 100 ms.
    /// </summary>
    public TimeSpan ShortTask { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many ready tasks one dispatch pass looks at per agent before giving up. Default: 10,000.</summary>
    public int ScanDepth { get; set; } = 10_000;
}
