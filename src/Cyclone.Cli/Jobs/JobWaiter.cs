using Cyclone.Client;
using Cyclone.Protocol.Rest;
using Spectre.Console;

namespace Cyclone.Cli.Jobs;

/// <summary>
/// Waits for a job to end by asking the hub, which answers at once when the job ends (a long poll of at most
/// <see cref="ProgressInterval"/>), showing progress on stderr: a progress bar on a terminal,
/// one line per change otherwise. Tolerates the hub being briefly unreachable (a restart).
/// </summary>
public static class JobWaiter
{
    /// <summary>How long one request waits for the end before the progress shown is refreshed.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the hub may stay unreachable while waiting before giving up.</summary>
    public static readonly TimeSpan UnreachableTolerance = TimeSpan.FromSeconds(60);

    private static readonly HashSet<string> FinalStates = new(StringComparer.Ordinal)
    {
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "UPSTREAM_FAILED",
    };

    /// <summary>True for the states a job does not leave.</summary>
    public static bool IsFinal(string state) => FinalStates.Contains(state);

    /// <summary>The exit code of <c>run --wait</c> for an ended job: 0, its exit code, 124 (timeout), 130 (cancelled) or 1.</summary>
    public static int ExitCodeOf(JobDto job) => job.State switch
    {
        "COMPLETED" => 0,
        "FAILED" => job.ExitCode is { } code and >= 1 and <= 255 ? code : 1,
        "TIMEOUT" => 124,
        "CANCELLED" => 130,
        _ => 1,
    };

    /// <summary>Polls job <paramref name="jobId"/> until its state is final and answers it as it ended.</summary>
    public static Task<JobDto> WaitAsync(CycloneClient client, long jobId, CancellationToken ct) =>
        Console.IsErrorRedirected ? WaitPlainAsync(client, jobId, ct) : WaitWithProgressAsync(client, jobId, ct);

    private static async Task<JobDto> WaitPlainAsync(CycloneClient client, long jobId, CancellationToken ct)
    {
        var poller = new Poller(client, jobId);
        string? shown = null;
        while (true)
        {
            var job = await poller.NextAsync(ct);
            var line = Describe(job);
            if (line != shown)
            {
                await Console.Error.WriteLineAsync(line.AsMemory(), ct);
                shown = line;
            }

            if (IsFinal(job.State))
            {
                return job;
            }
        }
    }

    private static async Task<JobDto> WaitWithProgressAsync(CycloneClient client, long jobId, CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var poller = new Poller(client, jobId);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Markup.Escape($"job {jobId}"), maxValue: 1);
                while (true)
                {
                    var job = await poller.NextAsync(ct);
                    var (done, total) = Count(job);
                    bar.MaxValue = Math.Max(1, total);
                    bar.Value = done;
                    bar.Description = Markup.Escape(Describe(job));
                    if (IsFinal(job.State))
                    {
                        bar.Value = bar.MaxValue;
                        bar.StopTask();
                        return job;
                    }
                }
            });
    }

    private static string Describe(JobDto job)
    {
        var (done, total) = Count(job);
        var exit = IsFinal(job.State) && job.ExitCode is { } code ? $", exit code {code}" : "";
        return $"job {job.Id}: {job.State} ({done}/{total} tasks done{exit})";
    }

    private static (int Done, int Total) Count(JobDto job) =>
        job.Tasks is { } tasks ? (tasks.Count(t => IsFinal(t.State)), tasks.Count) : (IsFinal(job.State) ? job.TaskCount : 0, job.TaskCount);

    /// <summary>Reads the job, retrying while the hub is unreachable for up to <see cref="UnreachableTolerance"/>.</summary>
    private sealed class Poller(CycloneClient client, long jobId)
    {
        private DateTimeOffset? _unreachableSince;

        public async Task<JobDto> NextAsync(CancellationToken ct)
        {
            while (true)
            {
                try
                {
                    var job = await client.WaitForJobAsync(jobId, ProgressInterval, withTasks: true, ct);
                    _unreachableSince = null;
                    return job;
                }
                catch (HubUnreachableException) when (DateTimeOffset.UtcNow - (_unreachableSince ??= DateTimeOffset.UtcNow) < UnreachableTolerance)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
            }
        }
    }
}
