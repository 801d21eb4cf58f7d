namespace Cyclone.Core.Scheduling;

/// <summary>How one node part of an attempt ended on its agent.</summary>
public enum PartEnd
{
    /// <summary>All processes exited; <see cref="PartResult.ExitCode"/> is the worst status.</summary>
    Exited,

    /// <summary>The time limit was reached and the processes were killed.</summary>
    TimedOut,

    /// <summary>The processes could not be started (no such command, bad directory).</summary>
    StartFailed,

    /// <summary>The agent gave the attempt back unfinished (it is shutting down).</summary>
    HandedBack,

    /// <summary>The agent stopped it because it was told to.</summary>
    Stopped,
}

/// <summary>
/// An agent's report of how a node part ended, with the outputs (JSON object text) the task reported, and how long it ran on
/// the agent when the agent said (<see cref="RunTime"/>; without it the hub counts from the lease, which includes any wait in
/// the agent's prefetch queue).
/// </summary>
public readonly record struct PartResult(PartEnd End, int ExitCode, string? Message = null, string? Outputs = null, TimeSpan? RunTime = null)
{
    public bool Succeeded => End == PartEnd.Exited && ExitCode == 0;
}
