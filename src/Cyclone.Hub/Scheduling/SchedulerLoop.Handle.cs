using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    /// <summary>The most prefetch per slot an agent may ask for.</summary>
    private const int MaxPrefetch = 10_000;

    /// <summary>How a task no longer active ended: from this pass's own changes, else from the store.</summary>
    private static TaskState? EndedState(long id, SchedulerEffects fx, IReadOnlyDictionary<long, TaskState> known)
    {
        for (var i = fx.Transitions.Count - 1; i >= 0; i--)
        {
            if (fx.Transitions[i].TaskId == id && fx.Transitions[i].State.IsFinal())
            {
                return fx.Transitions[i].State;
            }
        }

        return known.TryGetValue(id, out var state) && state.IsFinal() ? state : null;
    }

    private void Handle(SchedulerCommand command, SchedulerBatch batch)
    {
        var now = _time.GetUtcNow();
        var fx = batch.Effects;
        switch (command)
        {
            case SubmittedCommand submitted:
                // a task stored while the state was being reloaded may be known already
                var fresh = submitted.Tasks.Where(t => _state.FindTask(t.Id) is null).ToList();
                _state.Submit(fresh, id => EndedState(id, fx, submitted.Known), now, fx);
                _state.Dispatch(now, fx);
                break;
            case CancelMatchingCommand matching:
                var ids = _state.ActiveTasks.Where(matching.Match).Select(t => t.Id).ToList();
                matching.Cancelled.Value = ids.Count;
                _state.Cancel(ids, matching.Reason, now, fx);
                batch.Completions.Add(matching.Done);
                break;
            case RetireCommand retire:
                if (_connections.TryGetValue(retire.Agent, out var retiring))
                {
                    retire.Found.Value = true;
                    batch.First.Add((retiring, new HubMessage { Retire = new Retire { Reason = retire.Reason } }));
                }

                batch.Completions.Add(retire.Done);
                break;
            case EventCommand pushed:
                pushed.Delivered.Value = _state.DeliverEvent(pushed.Name, pushed.DataJson, pushed.At, now, fx);
                _state.Dispatch(now, fx);
                batch.Completions.Add(pushed.Done);
                break;
            case CancelCommand cancel:
                _state.Cancel(cancel.TaskIds, cancel.Reason, now, fx);
                batch.Completions.Add(cancel.Done);
                break;
            case PullLeaseCommand pull:
                HandlePullLease(pull, now, batch);
                break;
            case PullReportCommand report:
                HandlePullReport(report, now, batch);
                break;
            case OperatorCommand op: HandleOperator(op, now, batch); break;
            case ConnectCommand refused when refused.Connection.TokenId is { } token && _revokedTokens.Contains(token):
                batch.First.Add((refused.Connection, new HubMessage { Rejected = new Rejected { Reason = "the agent's token is no longer valid", Permanent = true } }));
                batch.Closes.Add(refused.Connection);
                break;
            case ConnectCommand connect:
                HandleConnect(connect, now, batch);
                break;
            case AskCommand ask when IsCurrent(ask.Connection):
                _state.Ask(ask.Connection.Name, now, fx);
                break;
            case HeartbeatCommand heartbeat when IsCurrent(heartbeat.Connection):
                HandleHeartbeat(heartbeat, now, batch);
                break;
            case OutcomesCommand outcomes when IsCurrent(outcomes.Connection):
                ApplyOutcomes(outcomes.Connection, outcomes.Batch.Outcomes, now, batch);
                break;
            case LeavingCommand leaving when IsCurrent(leaving.Connection):
                _state.Drain(leaving.Connection.Name, leaving.HandBack, now, fx);
                _leaving.Add(leaving.Connection.Name);
                LogAgentLeaving(leaving.Connection.Name, leaving.HandBack);
                UpsertAgent(batch, leaving.Connection, "DRAINING", now);
                break;
            case DisconnectedCommand disconnected when IsCurrent(disconnected.Connection):
                _connections.Remove(disconnected.Connection.Name);
                _leaving.Remove(disconnected.Connection.Name);
                _state.Disconnected(disconnected.Connection.Name);
                UpsertAgent(batch, disconnected.Connection, "DOWN", now);
                LogAgentDisconnected(disconnected.Connection.Name);
                break;
            case RevokeTokensCommand revoke:
                _revokedTokens.UnionWith(revoke.TokenIds);
                Evict(_connections.Values.Where(c => c.TokenId is { } id && revoke.TokenIds.Contains(id)).ToList(), revoke.Reason, now, batch);
                break;
            case TickCommand:
                Evict(_connections.Values.Where(c => c.TokenExpiresAt <= now).ToList(), "its token expired", now, batch);
                foreach (var lost in _state.Tick(now, fx))
                {
                    if (PullWorkers.IsPull(lost))
                    {
                        LogPullWorkerLost(lost);
                        continue;
                    }

                    LogAgentLost(lost, _options.LeaseTimeout.TotalSeconds);
                    if (_connections.Remove(lost, out var connection))
                    {
                        batch.Closes.Add(connection);
                        UpsertAgent(batch, connection, "DOWN", now);
                    }
                }

                break;
            case ShutdownCommand shutdown:
                foreach (var connection in _connections.Values)
                {
                    batch.First.Add((connection, new HubMessage { Shutdown = new Shutdown { Reason = "the hub is shutting down" } }));
                    batch.Closes.Add(connection);
                }

                _connections.Clear();
                batch.Completions.Add(shutdown.Done);
                break;
            default:
                break; // a message from a stream that has been replaced or closed: nothing to do
        }
    }

    /// <summary>Cuts agents off: tells each why, closes its stream, and redispatches its running work.</summary>
    private void Evict(IReadOnlyList<AgentConnection> connections, string reason, DateTimeOffset now, SchedulerBatch batch)
    {
        foreach (var connection in connections)
        {
            _connections.Remove(connection.Name);
            batch.First.Add((connection, new HubMessage { Rejected = new Rejected { Reason = $"the agent may no longer connect: {reason}", Permanent = true } }));
            batch.Closes.Add(connection);
            _state.Evict(connection.Name, reason, now, batch.Effects);
            UpsertAgent(batch, connection, "DOWN", now);
            LogAgentEvicted(connection.Name, reason);
        }
    }

    private bool IsCurrent(AgentConnection connection) =>
        _connections.TryGetValue(connection.Name, out var current) && ReferenceEquals(current, connection);

    private void HandleConnect(ConnectCommand connect, DateTimeOffset now, SchedulerBatch batch)
    {
        var connection = connect.Connection;
        var register = connect.Register;
        if (_connections.Remove(connection.Name, out var previous))
        {
            // The agent came back on a new stream (it restarted, or its old stream is half-dead): the newest wins.
            batch.Closes.Add(previous);
            LogAgentReplaced(connection.Name, previous.Peer, connection.Peer);
        }

        _connections[connection.Name] = connection;
        batch.First.Add((connection, new HubMessage
        {
            Welcome = new Welcome
            {
                HubId = Environment.MachineName,
                HeartbeatIntervalMs = (int)_options.HeartbeatInterval.TotalMilliseconds,
                LeaseTimeoutMs = (int)_options.LeaseTimeout.TotalMilliseconds,
            },
        }));

        // output of attempts the hub knows this agent runs or ran is accepted from the new stream
        foreach (var (taskId, attempt) in register.Running.Select(r => (r.TaskId, r.Attempt)).Concat(register.Finished.Select(f => (f.Attempt.TaskId, f.Attempt.Attempt))))
        {
            if (_state.FindTask(taskId) is { } known && known.Attempt == attempt && known.PartAgents.Contains(connection.Name))
            {
                connection.Allow(taskId, attempt);
            }
        }

        // attempts that ended while the agent had no stream count before the running list is reconciled
        ApplyOutcomes(connection, register.Finished, now, batch);
        var running = register.Running.Select(r => new RunningPart(r.TaskId, r.Attempt, r.NodeIndex)).ToList();
        var total = new AgentCapacity(register.Slots, register.MemoryBytes, register.Gpus);
        var drained = _drainedByRequest.Contains(connection.Name); // an operator's drain outlasts the stream
        _leaving.Remove(connection.Name);
        _state.Connect(
            connection.Name, total, register.Labels.ToHashSet(StringComparer.Ordinal), running, now, batch.Effects,
            (int)Math.Min((long)Math.Clamp(register.Prefetch, 0, MaxPrefetch) * Math.Max(0, register.Slots), int.MaxValue), connection.AllocationEndsAt, drained);
        UpsertAgent(batch, connection, drained ? "DRAINING" : "UP", now);
        LogAgentConnected(connection.Name, connection.Peer, register.Slots, running.Count);
    }

    private void HandleHeartbeat(HeartbeatCommand heartbeat, DateTimeOffset now, SchedulerBatch batch)
    {
        var name = heartbeat.Connection.Name;
        _state.Heartbeat(name, now);
        foreach (var part in heartbeat.Heartbeat.Running)
        {
            var task = _state.FindTask(part.TaskId);
            var current = task is not null && task.State == TaskState.Running && task.Attempt == part.Attempt
                && part.NodeIndex >= 0 && part.NodeIndex < task.Nodes && task.PartAgents[part.NodeIndex] == name;
            if (!current)
            {
                batch.Effects.Stops.Add(new Core.Scheduling.StopOrder(name, part.TaskId, part.Attempt, part.NodeIndex, "this attempt is no longer current"));
            }
        }
    }

    private void ApplyOutcomes(AgentConnection connection, Google.Protobuf.Collections.RepeatedField<Outcome> outcomes, DateTimeOffset now, SchedulerBatch batch)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        var name = connection.Name;
        var maxSeq = batch.Acks.GetValueOrDefault(connection);
        foreach (var o in outcomes)
        {
            maxSeq = Math.Max(maxSeq, o.Seq);
            if (o.Attempt is null)
            {
                continue; // about no attempt: nothing to apply (acknowledged all the same, so that the agent does not send it again)
            }

            var end = o.Kind switch
            {
                OutcomeKind.Exited => PartEnd.Exited,
                OutcomeKind.TimedOut => PartEnd.TimedOut,
                OutcomeKind.StartFailed => PartEnd.StartFailed,
                OutcomeKind.HandedBack => PartEnd.HandedBack,
                _ => PartEnd.Stopped,
            };
            var message = string.IsNullOrEmpty(o.Message) ? null : o.Message;
            var ignoredBefore = batch.Effects.IgnoredOutcomes;
            var ran = o.StartedUnixMs > 0 && o.EndedUnixMs >= o.StartedUnixMs ? TimeSpan.FromMilliseconds(o.EndedUnixMs - o.StartedUnixMs) : (TimeSpan?)null;
            var result = new PartResult(end, o.ExitCode, message, string.IsNullOrEmpty(o.OutputsJson) ? null : o.OutputsJson, ran);
            if (result.Outputs is not null && !IsJsonObject(result.Outputs))
            {
                // agents check outputs before they report them; unreadable ones fail the part as the agent would, and are never stored
                result = result.Succeeded ? new PartResult(PartEnd.Exited, -1, "the agent reported outputs that are not a JSON object") : result with { Outputs = null };
            }

            _state.ReportOutcome(name, o.Attempt.TaskId, o.Attempt.Attempt, o.Attempt.NodeIndex, result, now, batch.Effects);
            if (batch.Effects.IgnoredOutcomes > ignoredBefore)
            {
                LogStaleOutcome(name, o.Attempt.TaskId, o.Attempt.Attempt);
            }
        }

        batch.Acks[connection] = maxSeq;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private void UpsertAgent(SchedulerBatch batch, AgentConnection connection, string state, DateTimeOffset now)
    {
        var agent = _state.FindAgent(connection.Name);
        var total = agent?.Total ?? AgentCapacity.None;
        batch.AgentUpserts[connection.Name] = new AgentRecord(
            connection.Name, connection.Host, total.Slots, connection.Cores, total.MemoryBytes, total.Gpus,
            agent?.Labels.Order(StringComparer.Ordinal).ToList() ?? [], state, connection.ConnectedAt, now)
        {
            Drained = _drainedByRequest.Contains(connection.Name),
        };
    }
}
