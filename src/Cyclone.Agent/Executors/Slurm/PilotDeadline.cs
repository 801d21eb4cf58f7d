using Cyclone.Agent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// Makes a pilot agent leave <see cref="AgentOptions.PilotMargin"/> before its allocation ends, as on SIGTERM: it takes
/// no new work, gives running attempts the shutdown grace, hands the rest back and says goodbye to the hub before Slurm
/// ends the job.
/// </summary>
public sealed partial class PilotDeadline(AgentOptions options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<PilotDeadline> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AllocationEnd is not { } end)
        {
            return;
        }

        var leaveAt = end - options.PilotMargin;
        LogDeadline(end, leaveAt);
        try
        {
            // in steps of at most a day: timers take no more than 49 days
            while (leaveAt - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogLeaving(end);
        lifetime.StopApplication();
    }

    [LoggerMessage(420, LogLevel.Information, "Pilot agent: the Slurm allocation ends at {End:u}; the agent leaves at {LeaveAt:u}")]
    private partial void LogDeadline(DateTimeOffset end, DateTimeOffset leaveAt);

    [LoggerMessage(421, LogLevel.Information, "Pilot agent: leaving before the Slurm allocation ends at {End:u}")]
    private partial void LogLeaving(DateTimeOffset end);
}
