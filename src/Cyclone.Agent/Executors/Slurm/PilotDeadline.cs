using Cyclone.Agent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// Makes a pilot agent leave <see cref="AgentOptions.PilotMargin"/> before its allocation ends, as on SIGTERM: it takes
/// no new work, gives running attempts the shutdown grace, hands the rest back and says goodbye to the hub before Slurm
/// ends the job. Every <see cref="AgentOptions.PilotRecheck"/>, and once more when the moment to leave comes, it asks
/// Slurm when the job ends now: an allocation extended (or cut) with <c>scontrol update</c> moves the moment it leaves,
/// and the agent registers again (<c>reregister</c>) so that the hub leases it by the new end. <c>job</c> is the Slurm job
/// the pilot runs in (<c>SLURM_JOB_ID</c>); null: its end is never asked again.
/// </summary>
public sealed partial class PilotDeadline(
    AgentOptions options, ISlurmCommands commands, string? job, Action<string> reregister, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<PilotDeadline> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AllocationEnd is not { } end)
        {
            return;
        }

        LogDeadline(end, end - options.PilotMargin);
        try
        {
            while (true)
            {
                var left = end - options.PilotMargin - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    // one last look: the allocation may have been extended since the last one
                    if (await MovedAsync(end, stoppingToken) is { } later && later - options.PilotMargin > time.GetUtcNow())
                    {
                        end = later;
                        continue;
                    }

                    break;
                }

                // in steps of at most a day: timers take no more than 49 days
                var step = job is null ? TimeSpan.FromDays(1) : options.PilotRecheck;
                await Task.Delay(Min(left, step, TimeSpan.FromDays(1)), time, stoppingToken);
                if (time.GetUtcNow() < end - options.PilotMargin && await MovedAsync(end, stoppingToken) is { } moved)
                {
                    end = moved;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogLeaving(end);
        lifetime.StopApplication();
    }

    /// <summary>The allocation's end when Slurm now says another than <paramref name="end"/> (taken on, and the hub told); else null.</summary>
    private async Task<DateTimeOffset?> MovedAsync(DateTimeOffset end, CancellationToken ct)
    {
        if (job is null)
        {
            return null;
        }

        var (now, problem) = await PilotAllocation.AskAsync(commands, job, ct);
        if (now is not { } asked)
        {
            LogRecheckFailed(job, problem);
            return null;
        }

        if (asked == end)
        {
            return null;
        }

        options.AllocationEnd = asked;
        LogMoved(end, asked, asked - options.PilotMargin);
        reregister($"the Slurm allocation now ends at {asked:u}");
        return asked;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b, TimeSpan c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    [LoggerMessage(420, LogLevel.Information, "Pilot agent: the Slurm allocation ends at {End:u}; the agent leaves at {LeaveAt:u}")]
    private partial void LogDeadline(DateTimeOffset end, DateTimeOffset leaveAt);

    [LoggerMessage(421, LogLevel.Information, "Pilot agent: leaving before the Slurm allocation ends at {End:u}")]
    private partial void LogLeaving(DateTimeOffset end);

    [LoggerMessage(422, LogLevel.Information, "Pilot agent: the Slurm allocation that ended at {Previous:u} now ends at {End:u}; the agent leaves at {LeaveAt:u}")]
    private partial void LogMoved(DateTimeOffset previous, DateTimeOffset end, DateTimeOffset leaveAt);

    [LoggerMessage(423, LogLevel.Warning, "Pilot agent: cannot ask Slurm again when job {Job} ends (tried again later): {Problem}")]
    private partial void LogRecheckFailed(string job, string problem);
}
