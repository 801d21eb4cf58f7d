using System.Text;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Cyclone.Tasks.Catalog;
using Google.Protobuf;

namespace Cyclone.Agent.Executors;

/// <summary>
/// One attempt of a typed task, run on the thread pool with a cancellation token that a stop, a hand-back
/// or the time limit cancels. What the task writes to its output goes to the log as rank 0's stdout.
/// </summary>
public sealed class TypedTaskAttempt(Lease lease, TaskCatalog catalog, IOutputSink sink, TimeProvider time) : IRunningAttempt, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private OutcomeKind _endKind = OutcomeKind.Exited;
    private string _endMessage = "";

    public Lease Lease { get; } = lease;

    public Task<AttemptResult> Completion { get; private set; } = AttemptNotBegun.Completion;

    public void Stop(string reason) => End(OutcomeKind.Stopped, $"stopped by the hub: {reason}");

    public void HandBack(string reason) => End(OutcomeKind.HandedBack, reason);

    internal void Begin() => Completion = Task.Run(RunAsync);

    private void End(OutcomeKind kind, string message)
    {
        lock (_cancel)
        {
            if (_endKind != OutcomeKind.Exited)
            {
                return;
            }

            _endKind = kind;
            _endMessage = message;
        }

        _cancel.Cancel();
    }

    private async Task<AttemptResult> RunAsync()
    {
        var started = time.GetUtcNow();
        var (task, problem) = TypedTaskRun.Create(catalog, Lease.Kind);
        if (task is null)
        {
            return new AttemptResult(OutcomeKind.StartFailed, -1, problem, started, time.GetUtcNow());
        }

        using var limit = Lease.TimeLimitMs > 0
            ? time.CreateTimer(_ => End(OutcomeKind.TimedOut, $"time limit of {Lease.TimeLimitMs} ms reached; the task was cancelled"), null, TimeSpan.FromMilliseconds(Lease.TimeLimitMs), Timeout.InfiniteTimeSpan)
            : null;
        using var output = new StringWriter();
        AttemptResult result;
        try
        {
            var (exitCode, message, outputs) = await TypedTaskRun.RunAsync(task, Lease, output, _cancel.Token);
            result = new AttemptResult(OutcomeKind.Exited, exitCode, message, started, time.GetUtcNow(), outputs);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            result = new AttemptResult(_endKind, -1, _endMessage, started, time.GetUtcNow());
        }

        var text = output.ToString();
        if (text.Length > 0)
        {
            sink.Write(new OutputChunk { TaskId = Lease.TaskId, Attempt = Lease.Attempt, Rank = 0, Stream = 0, Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(text)) });
        }

        await sink.FlushAsync(CancellationToken.None);
        return result;
    }

    public void Dispose() => _cancel.Dispose();
}
