namespace Cyclone.Agent.Executors.Slurm;

/// <summary>One Slurm job as a Slurm command reported it.</summary>
/// <param name="JobId">Slurm's job id.</param>
/// <param name="State">Its state (<c>PENDING</c>, <c>RUNNING</c>, <c>COMPLETED</c>, <c>TIMEOUT</c>, ...), without Slurm's "by uid" suffix.</param>
/// <param name="ExitCode">The batch script's exit status, or 128 + the signal that ended it; null when not known (yet).</param>
/// <param name="Reason">Why it waits or ended, as Slurm says it; empty when none.</param>
/// <param name="Comment">The job's comment (how the agent finds its own jobs); empty when not known.</param>
public sealed record SlurmJobState(long JobId, string State, int? ExitCode, string Reason, string Comment = "")
{
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal)
    {
        "PENDING", "RUNNING", "SUSPENDED", "COMPLETING", "CONFIGURING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING",
        "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD",
    };

    /// <summary>True once the job has ended (any state Slurm does not list as pending or running).</summary>
    public bool Ended => !Active.Contains(State);
}
