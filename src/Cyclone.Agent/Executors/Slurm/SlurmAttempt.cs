using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// One node of one attempt running as a Slurm batch job: submitted with <c>sbatch</c> (or taken up again after the agent
/// restarted), watched through <see cref="SlurmQueue"/>, its ranks' output files read while it runs and shipped to the
/// hub, cancelled with <c>scancel</c> on a stop order, at its time limit, or when the agent leaves. Its outcome comes from
/// Slurm's final state (<see cref="SlurmEnding"/>).
/// </summary>
public sealed partial class SlurmAttempt : IRunningAttempt
{
    private readonly SlurmExecutor _executor;
    private readonly IOutputSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KillOrder _kill = new();

    internal SlurmAttempt(Lease lease, SlurmJobFiles files, long? adoptedJobId, SlurmExecutor executor, IOutputSink sink, TimeProvider time, ILogger logger)
    {
        Lease = lease;
        Files = files;
        JobId = adoptedJobId;
        _executor = executor;
        _sink = sink;
        _time = time;
        _logger = logger;
        Completion = AttemptNotBegun.Completion;
    }

    public Lease Lease { get; }

    /// <summary>The attempt's directory on the shared file system.</summary>
    public SlurmJobFiles Files { get; }

    /// <summary>The Slurm job id, once submitted.</summary>
    public long? JobId { get; private set; }

    public Task<AttemptResult> Completion { get; private set; }

    public void Stop(string reason) => RequestKill(OutcomeKind.Stopped, KillOrder.StoppedByHub(reason));

    public void HandBack(string reason) => RequestKill(OutcomeKind.HandedBack, reason);

    internal void Begin() => Completion = RunAsync();

    private void RequestKill(OutcomeKind kind, string message) => _kill.Request(kind, message);

    private async Task<AttemptResult> RunAsync()
    {
        await Task.Yield(); // the caller (the hub stream's reader) goes on at once
        var started = _time.GetUtcNow();
        var adopted = JobId is not null;
        if (!adopted)
        {
            var (jobId, error) = await _executor.SubmitAsync(this, CancellationToken.None);
            if (jobId is null)
            {
                LogStartFailed(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, error);
                Files.Delete();
                return new AttemptResult(OutcomeKind.StartFailed, -1, error, started, _time.GetUtcNow());
            }

            JobId = jobId;
            LogSubmitted(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, jobId.Value);
        }
        else
        {
            LogAdopted(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, JobId!.Value);
        }

        var output = new SlurmOutputTail(Lease, Files, _sink, resume: adopted);
        using var limit = ArmTimeLimit(adopted);
        var end = await WatchAsync(JobId!.Value, output);
        await output.ReadAsync(final: true);
        await _sink.FlushAsync(CancellationToken.None);
        var result = Outcome(end, started);
        if (await SlurmOutputFiles.FillAsync(Lease, Files, SlurmExecutor.WorkingDirectory(Lease)) is { } outputError)
        {
            LogOutputFilesFailed(Lease.TaskId, Lease.Attempt, outputError);
            if (result.Kind == OutcomeKind.Exited && result.ExitCode == 0)
            {
                result = result with { ExitCode = -1, Message = outputError, Outputs = null };
            }
        }

        Files.Delete();
        return result;
    }

    /// <summary>Polls until the job has ended, reading output on each round and cancelling it once a kill is asked for.</summary>
    private async Task<SlurmJobState?> WatchAsync(long jobId, SlurmOutputTail output)
    {
        var cancelled = false;
        while (true)
        {
            if (_kill.IsRequested && !cancelled)
            {
                cancelled = await _executor.CancelAsync(jobId, _kill.Message, CancellationToken.None);
            }

            await output.ReadAsync(final: false);
            var jobs = await _executor.Queue.JobsAsync(CancellationToken.None);
            if (jobs is null)
            {
                LogQueueUnreadable(jobId, _executor.Queue.LastProblem ?? "squeue failed");
            }
            else if (!jobs.TryGetValue(jobId, out var job) || job.Ended)
            {
                if (await _executor.Queue.EndOfAsync(jobId, CancellationToken.None) is { } end)
                {
                    return end;
                }

                if (!jobs.ContainsKey(jobId))
                {
                    // neither squeue nor scontrol nor sacct knows it: Slurm has forgotten the job
                    return null;
                }
            }

            // a kill order wakes the loop at once; once it has been acted on (or scancel failed, to be tried again) the loop waits a round
            var round = Task.Delay(_executor.Options.PollInterval, _time);
            await (_kill.IsRequested ? round : Task.WhenAny(_kill.Requested, round));
        }
    }

    private AttemptResult Outcome(SlurmJobState? end, DateTimeOffset started)
    {
        var now = _time.GetUtcNow();
        if (_kill.IsRequested)
        {
            return new AttemptResult(_kill.Kind, end?.ExitCode ?? -1, _kill.Message, started, now);
        }

        if (end is null)
        {
            return new AttemptResult(OutcomeKind.HandedBack, -1, $"Slurm no longer knows job {JobId}: how it ended is unknown, so the task runs again", started, now);
        }

        var (kind, exitCode, message) = SlurmEnding.Of(end, Files.RankExitStatus(SlurmJobScript.Ranks(Lease)));
        if (kind != OutcomeKind.Exited || exitCode != 0 || Lease.NodeIndex != 0)
        {
            return new AttemptResult(kind, exitCode, message, started, now);
        }

        var (outputs, outputsError) = TaskDataFiles.ReadOutputs(Files.OutputsFile);
        return outputsError is null
            ? new AttemptResult(OutcomeKind.Exited, 0, message, started, now, outputs)
            : new AttemptResult(OutcomeKind.Exited, -1, outputsError, started, now);
    }

    /// <summary>
    /// The agent ends the job at the task's exact time limit (Slurm's own limit is the next whole minute); a job taken up
    /// again after a restart gets what is left of it, counted from the lease.
    /// </summary>
    private ITimer? ArmTimeLimit(bool adopted)
    {
        if (Lease.TimeLimitMs <= 0)
        {
            return null;
        }

        var limit = TimeSpan.FromMilliseconds(Lease.TimeLimitMs);
        var left = adopted && File.Exists(Files.JobIdFile) ? limit - (_time.GetUtcNow() - File.GetLastWriteTimeUtc(Files.JobIdFile)) : limit;
        return _time.CreateTimer(
            _ => RequestKill(OutcomeKind.TimedOut, $"time limit of {Core.Parsing.TimeLimitParser.Format(limit)} reached; the Slurm job was cancelled"),
            null, left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
