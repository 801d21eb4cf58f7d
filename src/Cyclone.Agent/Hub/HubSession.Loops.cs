using Cyclone.Protocol.Agent;
using Grpc.Core;

namespace Cyclone.Agent.Hub;

public sealed partial class HubSession
{
    /// <summary>Runs writer, reader and heartbeat loops; returns why the stream ended.</summary>
    private async Task<string> RunStreamAsync(
        AsyncDuplexStreamingCall<AgentMessage, HubMessage> call, Welcome welcome, IReadOnlyList<Outcome> finished, CancellationTokenSource session)
    {
        var ct = session.Token;

        // the registration carried the unacknowledged outcomes; the ones queued meanwhile are not sent twice
        var resentUpTo = finished.Count > 0 ? finished[^1].Seq : 0;
        if (finished.Count > 0)
        {
            LogResending(finished.Count);
        }

        var first = new List<AgentMessage>();
        if (Leaving is { } leaving)
        {
            first.Add(new AgentMessage { Leaving = leaving });
        }
        else if (_supervisor.FreeSlots > 0 && !_supervisor.Draining)
        {
            first.Add(new AgentMessage { Ask = new Ask() });
        }

        var writer = WriteLoopAsync(call.RequestStream, first, resentUpTo, ct);
        var reader = ReadLoopAsync(call.ResponseStream, ct);
        var heartbeat = HeartbeatLoopAsync(TimeSpan.FromMilliseconds(Math.Max(100, welcome.HeartbeatIntervalMs)), ct);
        var ended = await Task.WhenAny(writer, reader);
        var reason = await ended;
        if (ended == writer && reason is null)
        {
            // the agent is leaving and the outbox is empty: the request stream is complete, the hub closes its side
            reason = await reader ?? "the agent left";
        }

        await session.CancelAsync();
        await Task.WhenAll(Quietly(writer), Quietly(reader), Quietly(heartbeat));
        return reason ?? "the stream ended";
    }

    /// <summary>The only writer: <paramref name="first"/>, then the outbox until it completes (null) or the stream fails (why).</summary>
    private async Task<string?> WriteLoopAsync(IClientStreamWriter<AgentMessage> requests, List<AgentMessage> first, long resentUpTo, CancellationToken ct)
    {
        try
        {
            foreach (var message in first)
            {
                await requests.WriteAsync(message, ct);
            }

            while (await _outbox.WaitToReadAsync(ct))
            {
                while (_outbox.TryTake(out var message))
                {
                    var toWrite = message;
                    if (message.BodyCase == AgentMessage.BodyOneofCase.Outcomes)
                    {
                        // outcomes resent at the start of this stream, or acknowledged since, are not sent again
                        var rest = _ledger.StillToSend(message.Outcomes, resentUpTo);
                        if (rest is null)
                        {
                            continue;
                        }

                        toWrite = ReferenceEquals(rest, message.Outcomes) ? message : new AgentMessage { Outcomes = rest };
                    }

                    await requests.WriteAsync(toWrite, ct);
                }
            }

            await requests.CompleteAsync();
            return null;
        }
        catch (RpcException ex)
        {
            return $"sending failed: {ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return $"sending failed: {ex.Message}";
        }
    }

    /// <summary>Handles what the hub sends until it ends the stream or the stream fails; returns why.</summary>
    private async Task<string?> ReadLoopAsync(IAsyncStreamReader<HubMessage> responses, CancellationToken ct)
    {
        try
        {
            while (await responses.MoveNext(ct))
            {
                if (responses.Current.BodyCase == HubMessage.BodyOneofCase.Rejected)
                {
                    _refusal = responses.Current.Rejected.Reason;
                    return $"the hub cut the agent off: {_refusal}";
                }

                Handle(responses.Current);
            }

            return "the hub ended the stream";
        }
        catch (RpcException ex)
        {
            return $"receiving failed: {ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (IOException ex)
        {
            return $"receiving failed: {ex.Message}";
        }
    }

    private void Handle(HubMessage message)
    {
        switch (message.BodyCase)
        {
            case HubMessage.BodyOneofCase.Leases:
                _supervisor.Start(message.Leases.Leases);
                break;
            case HubMessage.BodyOneofCase.Stops:
                foreach (var stop in message.Stops.Stops)
                {
                    _supervisor.Stop(stop.Attempt, stop.Reason);
                }

                break;
            case HubMessage.BodyOneofCase.Ack:
                _ledger.Acknowledge(message.Ack.UpToSeq);
                break;
            case HubMessage.BodyOneofCase.Shutdown:
                LogHubShutdown(message.Shutdown.Reason, _supervisor.Running().Count);
                break;
            case HubMessage.BodyOneofCase.Retire:
                LogRetire(message.Retire.Reason);
                Retire?.Invoke(message.Retire.Reason);
                break;
            default:
                LogUnexpected(message.BodyCase.ToString());
                break;
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, _time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            var heartbeat = new Heartbeat();
            heartbeat.Running.AddRange(_supervisor.Running());
            _outbox.PostIfConnected(new AgentMessage { Heartbeat = heartbeat });
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // the session is over; its end reason is already known
        }
    }
}
