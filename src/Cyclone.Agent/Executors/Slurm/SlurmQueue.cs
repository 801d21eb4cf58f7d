namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// What Slurm says about this user's jobs, asked once per poll interval however many attempts wait on it
/// (<c>squeue --me -t all</c>), and how a job that left the queue ended (<c>scontrol show job</c> while Slurm remembers
/// it, else <c>sacct</c>, else <c>sacct -c</c> from the job completion log).
/// </summary>
public sealed class SlurmQueue : IDisposable
{
    private readonly ISlurmCommands _commands;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<long, SlurmJobState>? _jobs;
    private DateTimeOffset _askedAt = DateTimeOffset.MinValue;

    public SlurmQueue(ISlurmCommands commands, SlurmExecutorOptions options, TimeProvider time)
    {
        _commands = commands;
        _time = time;
        _maxAge = options.PollInterval / 2;
    }

    /// <summary>The user's jobs by id, at most half a poll interval old; null when squeue failed (the problem is in <see cref="LastProblem"/>).</summary>
    public async Task<IReadOnlyDictionary<long, SlurmJobState>?> JobsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_time.GetUtcNow() - _askedAt > _maxAge)
            {
                var result = await _commands.RunAsync("squeue", ["--me", "-h", "-t", "all", "-o", SlurmOutputParser.SqueueFormat], null, ct);
                _askedAt = _time.GetUtcNow();
                _jobs = result.Succeeded ? SlurmOutputParser.Squeue(result.Stdout).ToDictionary(j => j.JobId) : null;
                LastProblem = result.Succeeded ? null : $"squeue: {result.Problem}";
            }

            return _jobs;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Why the last squeue failed; null when it worked.</summary>
    public string? LastProblem { get; private set; }

    public void Dispose() => _gate.Dispose();

    /// <summary>How job <paramref name="jobId"/> ended, with its exit code; null when no Slurm command knows (yet).</summary>
    public async Task<SlurmJobState?> EndOfAsync(long jobId, CancellationToken ct)
    {
        var id = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shown = await _commands.RunAsync("scontrol", ["show", "job", "-o", id], null, ct);
        if (shown.Succeeded && SlurmOutputParser.Scontrol(shown.Stdout) is { } job)
        {
            return job.Ended ? job : null;
        }

        foreach (var args in new[] { new[] { "-n", "-P", "-X", "-o", SlurmOutputParser.SacctFields, "-j", id }, ["-c", "-n", "-P", "-o", SlurmOutputParser.SacctFields, "-j", id] })
        {
            var accounted = await _commands.RunAsync("sacct", args, null, ct);
            if (accounted.Succeeded && SlurmOutputParser.Sacct(accounted.Stdout, jobId) is { Ended: true } ended)
            {
                return ended;
            }
        }

        return null;
    }
}
