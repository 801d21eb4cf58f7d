using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;
using Google.Protobuf.Collections;
using ProtoStopOrder = Cyclone.Protocol.Agent.StopOrder;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    private static readonly TimeSpan MaxPersistRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Makes the pass's state changes durable. Nothing is sent before this succeeds; while the
    /// store refuses writes the loop retries, so no lease goes out that a restart would not know.
    /// </summary>
    private async Task PersistAsync(SchedulerBatch batch, CancellationToken ct)
    {
        var results = SplitResults(batch.Effects.Transitions);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                if (batch.Effects.Transitions.Count > 0)
                {
                    await _store.ApplyAsync(batch.Effects.Transitions, ct);
                }

                if (batch.AgentUpserts.Count > 0)
                {
                    await _store.UpsertAgentsAsync(batch.AgentUpserts.Values.ToList(), ct);
                }

                if (results)
                {
                    ResultsStored?.Invoke();
                }

                TransitionsStored?.Invoke(batch.Effects.Transitions);

                return;
            }
            catch (StoreFencedException ex)
            {
                // another hub is active: this one sends nothing more, and its agents go over to the active hub
                LogFenced(ex.Message);
                foreach (var connection in _connections.Values)
                {
                    connection.Close();
                }

                _connections.Clear();
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPersistFailed(ex, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPersistRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Takes the sink results completing attempts reported out of their outputs; true when there were any.</summary>
    private bool SplitResults(List<TaskTransition> transitions)
    {
        var any = false;
        for (var i = 0; i < transitions.Count; i++)
        {
            if (transitions[i].Outputs is null)
            {
                continue;
            }

            var split = Sinks.ResultSplitter.Split(transitions[i], out var dropped);
            if (dropped is not null)
            {
                LogResultsDropped(split.TaskId, split.Attempt, dropped);
            }

            any |= split.Results is not null;
            transitions[i] = split;
        }

        return any;
    }

    private async Task SendAsync(SchedulerBatch batch, CancellationToken ct)
    {
        foreach (var (connection, message) in batch.First)
        {
            connection.Send(message);
        }

        foreach (var group in batch.Effects.Stops.GroupBy(s => s.Agent, StringComparer.Ordinal))
        {
            if (!_connections.TryGetValue(group.Key, out var connection) && !TryFindClosing(batch, group.Key, out connection))
            {
                continue;
            }

            var stops = new StopBatch();
            stops.Stops.AddRange(group.Select(s => new ProtoStopOrder
            {
                Attempt = new AttemptRef { TaskId = s.TaskId, Attempt = s.Attempt, NodeIndex = s.NodeIndex },
                Reason = s.Reason,
            }));
            connection!.Send(new HubMessage { Stops = stops });
        }

        // stops go before leases so an agent frees the slots of stale attempts before it starts new ones
        if (batch.Effects.Leases.Count > 0)
        {
            await SendLeasesAsync(batch.Effects.Leases, ct);
        }

        foreach (var (connection, seq) in batch.Acks)
        {
            connection.Send(new HubMessage { Ack = new OutcomeAck { UpToSeq = seq } });
        }

        foreach (var connection in batch.Closes)
        {
            connection.Close();
        }
    }

    private static bool TryFindClosing(SchedulerBatch batch, string name, out AgentConnection? connection)
    {
        connection = batch.Closes.Find(c => c.Name == name);
        return connection is not null;
    }

    private async Task SendLeasesAsync(List<LeaseGrant> grants, CancellationToken ct)
    {
        var contents = await LeaseContent.LoadAsync(_store, grants, ct);
        foreach (var group in grants.GroupBy(g => g.Agent, StringComparer.Ordinal))
        {
            if (!_connections.TryGetValue(group.Key, out var connection))
            {
                continue; // gone since; its lease runs out and the task is redispatched
            }

            var leases = new LeaseBatch();
            foreach (var grant in group)
            {
                var task = _state.FindTask(grant.TaskId);
                if (task is null || !contents.TryGetValue(grant.TaskId, out var content))
                {
                    continue;
                }

                var payload = content.Payload;
                var lease = new Lease
                {
                    TaskId = grant.TaskId,
                    JobId = grant.JobId,
                    Attempt = grant.Attempt,
                    NodeIndex = grant.NodeIndex,
                    Nnodes = task.Nodes,
                    ProcsPerNode = payload.ProcsPerNode,
                    CpusPerProc = payload.CpusPerProc,
                    WorkingDir = payload.WorkingDirectory ?? "",
                    TimeLimitMs = (long)(task.TimeLimit?.TotalMilliseconds ?? 0),
                    OutputPattern = payload.OutputPattern ?? "",
                    ErrorPattern = payload.ErrorPattern ?? "",
                    TaskIndex = payload.TaskIndex,
                    User = payload.User,
                    InputsJson = content.InputsJson ?? "",
                    Kind = content.Kind ?? "",
                    TaskClass = payload.TaskClass ?? "",
                    MemoryBytes = task.Demand.MemoryBytes,
                    Gpus = task.Demand.Gpus,
                };
                lease.Labels.AddRange(task.Demand.Labels);
                connection.Allow(grant.TaskId, grant.Attempt);
                lease.Nodelist.AddRange(grant.NodeList);
                lease.Command.AddRange(content.Command);
                AddAll(lease.Env, payload.Environment);
                AddAll(lease.ExtraEnv, content.ExtraEnvironment);
                leases.Leases.Add(lease);
            }

            connection.Send(new HubMessage { Leases = leases });
        }
    }

    private static void AddAll(MapField<string, string> target, IReadOnlyDictionary<string, string>? source)
    {
        if (source is null)
        {
            return;
        }

        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }
}
