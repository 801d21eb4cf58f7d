using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Cyclone.Tasks;
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
        ICycloneTask? task;
        try
        {
            task = catalog.Create(Lease.Kind);
        }
        catch (InvalidOperationException ex)
        {
            return new AttemptResult(OutcomeKind.StartFailed, -1, $"task kind '{Lease.Kind}' could not be created on host {Environment.MachineName}: {ex.Message}", started, time.GetUtcNow());
        }

        if (task is null)
        {
            return new AttemptResult(OutcomeKind.StartFailed, -1, $"task kind '{Lease.Kind}' is not known to the agent on host {Environment.MachineName}", started, time.GetUtcNow());
        }

        using var limit = Lease.TimeLimitMs > 0
            ? time.CreateTimer(_ => End(OutcomeKind.TimedOut, $"time limit of {Lease.TimeLimitMs} ms reached; the task was cancelled"), null, TimeSpan.FromMilliseconds(Lease.TimeLimitMs), Timeout.InfiniteTimeSpan)
            : null;
        using var output = new StringWriter();
        AttemptResult result;
        try
        {
            var inputs = string.IsNullOrEmpty(Lease.InputsJson) ? [] : JsonNode.Parse(Lease.InputsJson) as JsonObject ?? [];
            var context = new TaskContext(inputs, Lease.JobId, Lease.TaskId, Lease.Attempt, Lease.Kind, output);
            var outputs = await task.RunAsync(context, _cancel.Token);
            if (context.Results.ToJson() is { } results)
            {
                outputs[TaskResults.OutputsKey] = results;
            }

            result = new AttemptResult(OutcomeKind.Exited, 0, "", started, time.GetUtcNow(), outputs.ToJsonString());
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            result = new AttemptResult(_endKind, -1, _endMessage, started, time.GetUtcNow());
        }
        catch (TaskFailedException ex)
        {
            output.WriteLine($"{Lease.Kind}: {ex.Message}");
            result = new AttemptResult(OutcomeKind.Exited, ex.ExitCode, $"{Lease.Kind}: {ex.Message}", started, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is TaskInputException or JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            output.WriteLine($"{Lease.Kind}: {ex.Message}");
            result = new AttemptResult(OutcomeKind.Exited, 1, $"{Lease.Kind}: {ex.Message}", started, time.GetUtcNow());
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
