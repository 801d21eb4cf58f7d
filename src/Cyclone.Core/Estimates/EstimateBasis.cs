namespace Cyclone.Core.Estimates;

/// <summary>What a task's figures rest on.</summary>
public enum EstimateBasis
{
    /// <summary>The task has ended: its times are what happened.</summary>
    Actual,

    /// <summary>From past durations of the same task.</summary>
    History,

    /// <summary>No past durations: the task is counted as taking no time, so later figures are lower bounds.</summary>
    Unknown,
}
