using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors;

/// <summary>
/// One node of one attempt running as processes. Ends as EXITED (first non-zero status by local rank,
/// else 0), TIMED_OUT, STOPPED or HANDED_BACK (the trees killed), or START_FAILED. Every chunk of its
/// output has been handed to the sink and flushed before <see cref="Completion"/> completes.
/// </summary>
public sealed partial class ProcessAttempt : IRunningAttempt
{
    private readonly ProcessExecutor _executor;
    private readonly IOutputSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KillOrder _kill = new();
    private volatile bool _closed;

    internal ProcessAttempt(Lease lease, ProcessExecutor executor, IOutputSink sink, TimeProvider time, ILogger logger)
    {
        Lease = lease;
        _executor = executor;
        _sink = sink;
        _time = time;
        _logger = logger;
        Completion = AttemptNotBegun.Completion;
    }

    public Lease Lease { get; }

    /// <summary>Completes when every process has ended and all output is flushed.</summary>
    public Task<AttemptResult> Completion { get; private set; }

    /// <summary>Kills the process trees on the hub's order; the attempt ends as STOPPED.</summary>
    public void Stop(string reason) => RequestKill(OutcomeKind.Stopped, KillOrder.StoppedByHub(reason));

    /// <summary>Kills the process trees because the agent leaves; the attempt ends as HANDED_BACK.</summary>
    public void HandBack(string reason) => RequestKill(OutcomeKind.HandedBack, reason);

    internal void Begin() => Completion = RunAsync();

    private void RequestKill(OutcomeKind kind, string message) => _kill.Request(kind, message);

    private async Task<AttemptResult> RunAsync()
    {
        await Task.Yield(); // the caller (the hub stream's reader) goes on at once
        var started = _time.GetUtcNow();
        if (!TryPrepare(out var launch, out var error))
        {
            return StartFailed(started, error);
        }

        var (files, fileError) = await OutputFiles.OpenAsync(Lease, launch.WorkingDir);
        if (files is null)
        {
            return StartFailed(started, fileError);
        }

        TaskDataFiles data;
        try
        {
            data = TaskDataFiles.Create(Lease);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            await files.DisposeAsync();
            return StartFailed(started, $"cannot prepare the task's inputs on host {Environment.MachineName}: {ex.Message}");
        }

        await using (files)
        using (data)
        {
            var processes = new List<SessionProcess>();
            if (!TryLaunchAll(launch, data, processes, out error))
            {
                await AbortLaunchAsync(processes);
                return StartFailed(started, error);
            }

            foreach (var process in processes)
            {
                _executor.Journal.Record(process.Id);
            }

            LogStarted(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, processes.Count, launch.Program);
            var pumps = StartPumps(processes, files);
            var exits = processes.Select(WaitAndCleanUpAsync).ToArray();
            var allExited = Task.WhenAll(exits);
            using var limit = ArmTimeLimit();
            var killed = await Task.WhenAny(allExited, _kill.Requested) != allExited;
            if (killed)
            {
                await KillAsync(processes, allExited);
            }

            var codes = await allExited;
            foreach (var process in processes)
            {
                _executor.Journal.Forget(process.Id);
            }

            await DrainAsync(pumps, processes);
            _closed = true;
            await _sink.FlushAsync(CancellationToken.None);
            foreach (var process in processes)
            {
                process.Dispose();
            }

            var exitCode = Array.Find(codes, c => c != 0);
            if (killed)
            {
                return new AttemptResult(_kill.Kind, exitCode, _kill.Message, started, _time.GetUtcNow());
            }

            if (exitCode != 0 || Lease.NodeIndex != 0)
            {
                return new AttemptResult(OutcomeKind.Exited, exitCode, string.Empty, started, _time.GetUtcNow());
            }

            var (outputs, outputsError) = data.ReadOutputs();
            return outputsError is null
                ? new AttemptResult(OutcomeKind.Exited, 0, string.Empty, started, _time.GetUtcNow(), outputs)
                : new AttemptResult(OutcomeKind.Exited, -1, outputsError, started, _time.GetUtcNow());
        }
    }

    private AttemptResult StartFailed(DateTimeOffset started, string error)
    {
        LogStartFailed(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, error);
        return new AttemptResult(OutcomeKind.StartFailed, -1, error, started, _time.GetUtcNow());
    }

    private ITimer? ArmTimeLimit()
    {
        if (Lease.TimeLimitMs <= 0)
        {
            return null;
        }

        var limit = TimeSpan.FromMilliseconds(Lease.TimeLimitMs);
        static string Describe(TimeSpan t) =>
            t < TimeSpan.FromSeconds(1) ? $"{t.TotalMilliseconds:0} ms" : Core.Parsing.TimeLimitParser.Format(t);

        return _time.CreateTimer(_ => RequestKill(OutcomeKind.TimedOut, $"time limit of {Describe(limit)} reached; the process trees were killed"), null, limit, Timeout.InfiniteTimeSpan);
    }
}
