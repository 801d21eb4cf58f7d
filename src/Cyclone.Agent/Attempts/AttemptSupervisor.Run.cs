using Cyclone.Agent.Executors;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Attempts;

public sealed partial class AttemptSupervisor
{
    private void Start(Lease lease)
    {
        var id = AttemptId.Of(lease);
        var slots = LeaseEnvironment.Slots(lease);
        IRunningAttempt attempt;
        lock (_lock)
        {
            if (_running.ContainsKey(id) || _queuedIds.Contains(id))
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

            if (_queued.Count > 0 || (_usedSlots > 0 && _usedSlots + slots > Slots))
            {
                // a prefetched lease: it starts when slots free up, in the order it came
                _queued.AddLast(new QueuedLease(id, lease, slots));
                _queuedIds.Add(id);
                Busy();
                return;
            }

            attempt = StartLocked(id, lease, slots);
        }

        _ = FinishAsync(id, attempt, slots);
    }

    private IRunningAttempt StartLocked(AttemptId id, Lease lease, int slots)
    {
        var attempt = _slurm is not null ? _slurm.Start(lease)
            : !string.IsNullOrEmpty(lease.Kind) && _typed is not null ? _typed.Start(lease)
            : _executor.Start(lease);
        _running.Add(id, attempt);
        _usedSlots += slots;
        Busy();
        return attempt;
    }

    private void Busy()
    {
        if (_idle.Task.IsCompleted)
        {
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
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
        List<(AttemptId, IRunningAttempt, int)>? started = null;
        lock (_lock)
        {
            _running.Remove(id);
            _usedSlots -= slots;
            Report(id, result);
            ask = !_draining;
            while (!_draining && _queued.First is { } next && (_usedSlots == 0 || _usedSlots + next.Value.Slots <= Slots))
            {
                _queued.RemoveFirst();
                _queuedIds.Remove(next.Value.Id);
                (started ??= []).Add((next.Value.Id, StartLocked(next.Value.Id, next.Value.Lease, next.Value.Slots), next.Value.Slots));
            }

            if (_running.Count == 0 && _queued.Count == 0)
            {
                _idle.TrySetResult();
            }
        }

        foreach (var (nextId, nextAttempt, nextSlots) in started ?? [])
        {
            _ = FinishAsync(nextId, nextAttempt, nextSlots);
        }

        if (ask)
        {
            _outbox.PostIfConnected(new AgentMessage { Ask = new Ask() });
        }
    }

    /// <summary>Ends leases that wait unstarted (stopped or handed back) with <paramref name="kind"/>; true when <paramref name="only"/> (or any, when null) was among them.</summary>
    private bool DropQueued(AttemptId? only, OutcomeKind kind, string reason)
    {
        var found = false;
        lock (_lock)
        {
            for (var node = _queued.First; node is not null;)
            {
                var next = node.Next;
                if (only is null || node.Value.Id == only)
                {
                    _queued.Remove(node);
                    _queuedIds.Remove(node.Value.Id);
                    var now = _time.GetUtcNow();
                    Report(node.Value.Id, new AttemptResult(kind, -1, reason, now, now));
                    found = true;
                }

                node = next;
            }

            if (_running.Count == 0 && _queued.Count == 0)
            {
                _idle.TrySetResult();
            }
        }

        return found;
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
        if (result.Kind != OutcomeKind.Exited || result.ExitCode != 0)
        {
            LogFinished(id.ToString(), result.Kind.ToString(), result.ExitCode, (result.Ended - result.Started).TotalSeconds);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            // a success is the common case: at thousands a second, a line each is a cost of its own
            LogSucceeded(id.ToString(), (result.Ended - result.Started).TotalSeconds);
        }
    }

    private sealed record QueuedLease(AttemptId Id, Lease Lease, int Slots);
}
