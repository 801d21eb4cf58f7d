using System.Globalization;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>When the Slurm allocation a pilot agent runs in ends.</summary>
public static class PilotAllocation
{
    /// <summary>
    /// The end of this process's Slurm job: <c>SLURM_JOB_END_TIME</c> (seconds since the epoch) when Slurm set it, else
    /// what <c>squeue -h -j $SLURM_JOB_ID -o %e</c> says. Null and why when neither tells.
    /// </summary>
    public static async Task<(DateTimeOffset? End, string Problem)> DetectAsync(ISlurmCommands commands, Func<string, string?> variable, CancellationToken ct)
    {
        if (variable("SLURM_JOB_END_TIME") is { Length: > 0 } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return (DateTimeOffset.FromUnixTimeSeconds(seconds), string.Empty);
        }

        if (variable("SLURM_JOB_ID") is not { Length: > 0 } job)
        {
            return (null, "a pilot agent runs inside a Slurm job, but SLURM_JOB_ID is not set (or give Agent:AllocationEnd)");
        }

        return await AskAsync(commands, job, ct);
    }

    /// <summary>What <c>squeue -h -j JOB -o %e</c> says the job's end is now; null and why when it says none.</summary>
    public static async Task<(DateTimeOffset? End, string Problem)> AskAsync(ISlurmCommands commands, string job, CancellationToken ct)
    {
        var result = await commands.RunAsync("squeue", ["-h", "-j", job, "-o", "%e"], null, ct);
        if (!result.Succeeded)
        {
            return (null, $"cannot ask Slurm when job {job} ends: {result.Problem}");
        }

        return ParseEndTime(result.Stdout) is { } end
            ? (end, string.Empty)
            : (null, $"Slurm gives no end time for job {job} ('{result.Stdout.Trim()}'): a pilot needs a time limit (sbatch --time)");
    }

    /// <summary>Slurm's end time (<c>2026-12-02T14:40:53</c>, in the local time zone); null for <c>N/A</c>, <c>Unknown</c> or anything else.</summary>
    public static DateTimeOffset? ParseEndTime(string text)
    {
        var first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return DateTime.TryParseExact(first, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local)
            ? new DateTimeOffset(local)
            : null;
    }
}
