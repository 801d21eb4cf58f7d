using System.Globalization;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>How a Slurm job's final state becomes the outcome of the attempt it ran.</summary>
public static class SlurmEnding
{
    /// <summary>
    /// The outcome of a job that ended as <paramref name="job"/> says. <paramref name="rankExit"/> is the first non-zero
    /// exit status the task's processes wrote, by rank (0 when all wrote 0; null when none wrote one).
    /// COMPLETED and FAILED end as EXITED with the processes' status; TIMEOUT and DEADLINE as TIMED_OUT; a job the node
    /// lost (NODE_FAIL, BOOT_FAIL), that was preempted or revoked is handed back, so the hub runs the task again
    /// without counting a failure; a job cancelled outside Cyclone, or out of memory, fails.
    /// </summary>
    public static (OutcomeKind Kind, int ExitCode, string Message) Of(SlurmJobState job, int? rankExit)
    {
        var id = job.JobId.ToString(CultureInfo.InvariantCulture);
        var slurmExit = job.ExitCode;
        switch (job.State)
        {
            case "COMPLETED":
                return (OutcomeKind.Exited, rankExit ?? slurmExit ?? 0, string.Empty);
            case "FAILED":
                var failed = rankExit is > 0 ? rankExit.Value : slurmExit is > 0 ? slurmExit.Value : -1;
                return (OutcomeKind.Exited, failed, rankExit is > 0 ? string.Empty : $"Slurm job {id} failed{Why(job)}");
            case "OUT_OF_MEMORY":
                return (OutcomeKind.Exited, rankExit is > 0 ? rankExit.Value : slurmExit is > 0 ? slurmExit.Value : 137, $"Slurm job {id} ran out of memory");
            case "TIMEOUT":
            case "DEADLINE":
                return (OutcomeKind.TimedOut, slurmExit ?? -1, $"Slurm ended job {id} at its time limit ({job.State})");
            case "NODE_FAIL":
            case "BOOT_FAIL":
            case "PREEMPTED":
            case "REVOKED":
                return (OutcomeKind.HandedBack, -1, $"Slurm job {id} ended as {job.State}{Why(job)}; the task runs again");
            case "CANCELLED":
                return (OutcomeKind.Exited, slurmExit is > 0 ? slurmExit.Value : 143, $"Slurm job {id} was cancelled outside Cyclone (scancel){Why(job)}");
            default:
                return (OutcomeKind.Exited, slurmExit is > 0 ? slurmExit.Value : -1, $"Slurm job {id} ended as {job.State}{Why(job)}");
        }
    }

    private static string Why(SlurmJobState job) => job.Reason.Length > 0 ? $" ({job.Reason})" : string.Empty;
}
