using System.Diagnostics;
using Cyclone.Protocol.Agent;
using Grpc.Core;

namespace Cyclone.Bench.Swarm;

public sealed partial class SimulatedAgent
{
    /// <summary>The only writer: the outbox, in order, until it completes (then the request side of the stream is completed).</summary>
    private async Task WriteLoopAsync()
    {
        var ct = _stop.Token;
        await foreach (var message in _outbox.Reader.ReadAllAsync(ct))
        {
            await _call.RequestStream.WriteAsync(message, ct);
        }

        await _call.RequestStream.CompleteAsync();
    }

    /// <summary>Handles what the hub sends until it ends the stream.</summary>
    private async Task ReadLoopAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (await _call.ResponseStream.MoveNext(ct))
            {
                var message = _call.ResponseStream.Current;
                switch (message.BodyCase)
                {
                    case HubMessage.BodyOneofCase.Leases:
                        Run(message.Leases);
                        break;
                    case HubMessage.BodyOneofCase.Ack:
                        InterlockedMax(ref _acked, message.Ack.UpToSeq);
                        break;
                    case HubMessage.BodyOneofCase.Stops:
                        _ledger.StopsReceived(message.Stops.Stops.Count);
                        break;
                    case HubMessage.BodyOneofCase.Rejected:
                        Ended = $"rejected: {message.Rejected.Reason}";
                        return;
                    case HubMessage.BodyOneofCase.Shutdown:
                        Ended = $"hub shutdown: {message.Shutdown.Reason}";
                        break;
                    default:
                        break; // Retire and the rest: a swarm agent leaves only when the swarm stops
                }
            }

            Ended ??= _quiet.IsCancellationRequested ? null : "the hub ended the stream";
        }
        catch (RpcException ex) when (!_quiet.IsCancellationRequested)
        {
            Ended = $"{ex.StatusCode}: {ex.Status.Detail}";
        }
    }

    /// <summary>Notes each lease's arrival and reports every attempt EXITED 0 at once, in one batch; then asks again.</summary>
    private void Run(LeaseBatch batch)
    {
        var arrived = Stopwatch.GetTimestamp();
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var lease in batch.Leases)
        {
            _ledger.Leased(lease.TaskId, arrived);
            var attempt = new AttemptRef { TaskId = lease.TaskId, Attempt = lease.Attempt, NodeIndex = lease.NodeIndex };
            _running[(lease.TaskId, lease.Attempt, lease.NodeIndex)] = attempt;
        }

        var outcomes = new OutcomeBatch();
        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var lease in batch.Leases)
        {
            _running.TryRemove((lease.TaskId, lease.Attempt, lease.NodeIndex), out _);
            outcomes.Outcomes.Add(new Outcome
            {
                Attempt = new AttemptRef { TaskId = lease.TaskId, Attempt = lease.Attempt, NodeIndex = lease.NodeIndex },
                Kind = OutcomeKind.Exited,
                ExitCode = 0,
                Seq = Interlocked.Increment(ref _seq),
                StartedUnixMs = started,
                EndedUnixMs = ended,
            });
        }

        if (outcomes.Outcomes.Count == 0)
        {
            return;
        }

        Post(new AgentMessage { Outcomes = outcomes });
        _ledger.Reported(outcomes.Outcomes.Count);
        Post(new AgentMessage { Ask = new Ask() }); // its slots are free again
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_quiet.Token))
        {
            var heartbeat = new Heartbeat();
            heartbeat.Running.AddRange(_running.Values);
            Post(new AgentMessage { Heartbeat = heartbeat });
            _ledger.HeartbeatSent();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
