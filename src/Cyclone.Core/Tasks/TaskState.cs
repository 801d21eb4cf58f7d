namespace Cyclone.Core.Tasks;

/// <summary>
/// The life of a task. Names follow Slurm's where Slurm has one; the wire form is the upper-case
/// name with underscores (<see cref="TaskStates.ToWire"/>).
/// </summary>
public enum TaskState
{
    /// <summary>Waiting for its dependencies.</summary>
    Blocked = 0,

    /// <summary>Ready to run, waiting for a slot.</summary>
    Pending = 1,

    /// <summary>Leased to one or more agents.</summary>
    Running = 2,

    /// <summary>Every process exited with status 0.</summary>
    Completed = 3,

    /// <summary>A process exited with a non-zero status (or its host was lost) and no attempts are left.</summary>
    Failed = 4,

    /// <summary>The time limit was reached.</summary>
    Timeout = 5,

    /// <summary>Cancelled by a user, an admin or a workflow cancel.</summary>
    Cancelled = 6,

    /// <summary>A dependency ended without success, so this task never ran.</summary>
    UpstreamFailed = 7,
}
