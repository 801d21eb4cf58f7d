using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Hub;

/// <summary>
/// The outcomes the hub has not acknowledged yet. Each gets an agent-local sequence number; the hub's
/// <see cref="OutcomeAck"/> forgets every outcome up to a number. Outcomes stay here across reconnects and
/// are resent on every new stream, so none is lost while the agent process lives.
/// </summary>
public sealed class OutcomeLedger
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Outcome> _pending = [];
    private long _lastSeq;
    private long _ackedUpTo;
    private TaskCompletionSource _empty = NewEmptySignal(completed: true);

    /// <summary>How many outcomes await acknowledgement.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Gives <paramref name="outcome"/> the next sequence number and keeps it until acknowledged.</summary>
    public Outcome Add(Outcome outcome)
    {
        lock (_lock)
        {
            outcome.Seq = ++_lastSeq;
            _pending.Add(outcome.Seq, outcome);
            if (_empty.Task.IsCompleted)
            {
                _empty = NewEmptySignal(completed: false);
            }

            return outcome;
        }
    }

    /// <summary>Forgets every outcome with a sequence number up to <paramref name="upToSeq"/>.</summary>
    public void Acknowledge(long upToSeq)
    {
        lock (_lock)
        {
            _ackedUpTo = Math.Max(_ackedUpTo, upToSeq);
            while (_pending.Count > 0 && _pending.First().Key <= upToSeq)
            {
                _pending.Remove(_pending.First().Key);
            }

            if (_pending.Count == 0)
            {
                _empty.TrySetResult();
            }
        }
    }

    /// <summary>The unacknowledged outcomes, oldest first (to resend on a new stream).</summary>
    public IReadOnlyList<Outcome> Unacknowledged()
    {
        lock (_lock)
        {
            return _pending.Values.ToList();
        }
    }

    /// <summary>
    /// The outcomes of <paramref name="batch"/> still worth sending on a stream that began by resending
    /// everything up to <paramref name="resentUpTo"/>: not acknowledged and not resent already.
    /// </summary>
    public OutcomeBatch? StillToSend(OutcomeBatch batch, long resentUpTo)
    {
        lock (_lock)
        {
            var floor = Math.Max(resentUpTo, _ackedUpTo);
            if (batch.Outcomes.All(o => o.Seq > floor))
            {
                return batch;
            }

            var rest = new OutcomeBatch();
            rest.Outcomes.AddRange(batch.Outcomes.Where(o => o.Seq > floor));
            return rest.Outcomes.Count > 0 ? rest : null;
        }
    }

    /// <summary>Completes when no outcome awaits acknowledgement (at once when none does).</summary>
    public Task WhenAllAcknowledged()
    {
        lock (_lock)
        {
            return _empty.Task;
        }
    }

    private static TaskCompletionSource NewEmptySignal(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            tcs.SetResult();
        }

        return tcs;
    }
}
