using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

/// <summary>What a pull worker says about an attempt it holds.</summary>
internal enum PullAction
{
    /// <summary>It still works on it: the lease is renewed.</summary>
    Heartbeat,

    /// <summary>It ended with an exit code (non-zero: failed, retried as for agents) and optional outputs.</summary>
    Complete,

    /// <summary>It failed (retried as for agents while retries are left).</summary>
    Fail,

    /// <summary>It is handed back unfinished and goes back to the queue.</summary>
    Release,
}

/// <summary>One report on attempt <see cref="Attempt"/> (the one the worker holds, when null) of a task.</summary>
internal sealed record PullReport(long TaskId, int? Attempt, int ExitCode = 0, string? Message = null, string? Outputs = null);

/// <summary>A leased task with its time limit, as the scheduler knew it when it leased it.</summary>
internal sealed record PulledTask(LeaseGrant Grant, TimeSpan? TimeLimit);

/// <summary>How the scheduler took a report.</summary>
internal enum PullOutcome
{
    /// <summary>Applied to the attempt the worker holds.</summary>
    Done,

    /// <summary>The task is not active (it ended, or there is no such task): nothing changed.</summary>
    NotActive,

    /// <summary>The worker does not hold that attempt: nothing changed; <see cref="PullVerdict.Detail"/> says how the task stands.</summary>
    NotHeld,
}

/// <summary>What became of one report: the attempt it was about and the task's state afterwards.</summary>
internal readonly record struct PullVerdict(PullOutcome Outcome, int Attempt, TaskState? State, string? Detail);
