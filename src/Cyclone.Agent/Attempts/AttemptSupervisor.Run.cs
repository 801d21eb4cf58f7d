using Cyclone.Agent.Executors;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Attempts;

public sealed partial class AttemptSupervisor
{
    private void Start(Lease lease)
    {
        var id = AttemptId.Of(lease);
        var slots = LeaseEnvironment.ProcsPerNode(lease) * Math.Max(1, lease.CpusPerProc);
        IRunningAttempt attempt;
        lock (_lock)
        {
            if (_running.ContainsKey(id))
            {
                LogDuplicateLease(id.ToString());
                return;
            }

            if (_draining)
            {
                var now = _time.GetUtcNow();
                Report(id, new AttemptResult(OutcomeKind.HandedBack, -1, "the agent is shutting down; the lease was not started", now, now));
                return;
            }

            attempt = string.IsNullOrEmpty(lease.Kind) || _typed is null ? _executor.Start(lease) : _typed.Start(lease);
            _running.Add(id, attempt);
            _usedSlots += slots;
            if (_idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _ = FinishAsync(id, attempt, slots);
    }

    private async Task FinishAsync(AttemptId id, IRunningAttempt attempt, int slots)
    {
        AttemptResult result;
        try
        {
            result = await attempt.Completion;
        }
        catch (Exception ex)
        {
            var now = _time.GetUtcNow();
            result = new AttemptResult(OutcomeKind.StartFailed, -1, $"the agent failed running the attempt: {ex.Message}", now, now);
            LogAttemptCrashed(ex, id.ToString());
        }

        bool ask;
        lock (_lock)
        {
            _running.Remove(id);
            _usedSlots -= slots;
            Report(id, result);
            ask = !_draining;
            if (_running.Count == 0)
            {
                _idle.TrySetResult();
            }
        }

        if (ask)
        {
            _outbox.PostIfConnected(new AgentMessage { Ask = new Ask() });
        }
    }

    /// <summary>Records an outcome until the hub acknowledges it and queues it for sending.</summary>
    private void Report(AttemptId id, AttemptResult result)
    {
        var outcome = _ledger.Add(new Outcome
        {
            Attempt = id.ToRef(),
            Kind = result.Kind,
            ExitCode = result.ExitCode,
            Message = result.Message,
            StartedUnixMs = result.Started.ToUnixTimeMilliseconds(),
            EndedUnixMs = result.Ended.ToUnixTimeMilliseconds(),
            OutputsJson = result.Outputs ?? string.Empty,
        });
        var batch = new OutcomeBatch();
        batch.Outcomes.Add(outcome);
        _outbox.Post(new AgentMessage { Outcomes = batch });
        LogFinished(id.ToString(), result.Kind.ToString(), result.ExitCode, (result.Ended - result.Started).TotalSeconds);
    }
}
