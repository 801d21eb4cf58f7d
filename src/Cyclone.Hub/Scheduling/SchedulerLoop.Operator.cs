using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    /// <summary>
    /// Agents drained by an operator, connected or not: as stored (<see cref="Cyclone.Storage.Contract.AgentRecord.Drained"/>, read back at start), so the
    /// drain holds across the agent's reconnects and the hub's restarts until resumed.
    /// </summary>
    private readonly HashSet<string> _drainedByRequest = new(StringComparer.Ordinal);

    /// <summary>Connected agents that said they are leaving (shutting down): they are never resumed.</summary>
    private readonly HashSet<string> _leaving = new(StringComparer.Ordinal);

    /// <summary>Stops leasing new tasks to a connected agent; its running tasks finish. False when no such agent is connected.</summary>
    public async Task<bool> DrainAgentAsync(string agent, CancellationToken ct)
    {
        var command = new DrainAgentCommand(agent);
        await RunOperatorAsync(command, ct);
        return command.Found.Value;
    }

    /// <summary>Leases tasks to a drained agent again; answers why not (null when it was resumed).</summary>
    public async Task<string?> ResumeAgentAsync(string agent, CancellationToken ct)
    {
        var command = new ResumeAgentCommand(agent);
        await RunOperatorAsync(command, ct);
        return command.Problem.Value;
    }

    /// <summary>Puts ended tasks back in the queue as new attempts; returns how many, once that is durable.</summary>
    public async Task<int> RequeueAsync(IReadOnlyList<RequeuedTask> tasks, IReadOnlyDictionary<long, TaskState> known, CancellationToken ct)
    {
        var command = new RetryTasksCommand(tasks, known);
        await RunOperatorAsync(command, ct);
        return command.Requeued.Value;
    }

    /// <summary>Runs <paramref name="read"/> on the loop, between passes' commands, and answers its result. It must only read, and be quick.</summary>
    public async Task<T> ReadStateAsync<T>(Func<SchedulerState, T> read, CancellationToken ct)
    {
        T result = default!;
        await RunOperatorAsync(new ReadStateCommand(state => result = read(state)), ct);
        return result;
    }

    private async Task RunOperatorAsync(OperatorCommand command, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        Post(command);
        await command.Done.Task.WaitAsync(ct);
    }

    private void HandleOperator(OperatorCommand command, DateTimeOffset now, SchedulerBatch batch)
    {
        var fx = batch.Effects;
        switch (command)
        {
            case DrainAgentCommand drain when _connections.TryGetValue(drain.Agent, out var connection):
                drain.Found.Value = true;
                _state.Drain(drain.Agent, handBack: false, now, fx);
                _drainedByRequest.Add(drain.Agent);
                UpsertAgent(batch, connection, "DRAINING", now);
                LogAgentDrained(drain.Agent);
                break;
            case ResumeAgentCommand resume:
                Resume(resume, now, batch);
                break;
            case RetryTasksCommand retry:
                retry.Requeued.Value = _state.Requeue(
                    retry.Tasks, id => retry.Known.TryGetValue(id, out var s) && s.IsFinal() ? s : null, now, fx);
                break;
            case ReadStateCommand read:
                read.Read(_state);
                break;
            default:
                break; // draining an agent that is not connected: nothing to do
        }

        batch.Completions.Add(command.Done);
    }

    private void Resume(ResumeAgentCommand resume, DateTimeOffset now, SchedulerBatch batch)
    {
        if (!_connections.TryGetValue(resume.Agent, out var connection))
        {
            resume.Problem.Value = $"no agent named '{resume.Agent}' is connected";
            return;
        }

        if (_leaving.Contains(resume.Agent) || (!_drainedByRequest.Contains(resume.Agent) && _state.FindAgent(resume.Agent) is { Draining: true }))
        {
            resume.Problem.Value = $"agent '{resume.Agent}' is shutting down (it is leaving on its own): it cannot be resumed until it reconnects";
            return;
        }

        _drainedByRequest.Remove(resume.Agent);
        _state.Resume(resume.Agent, now, batch.Effects);
        UpsertAgent(batch, connection, "UP", now);
        LogAgentResumed(resume.Agent);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(60, Microsoft.Extensions.Logging.LogLevel.Information, "Agent {Name} drained by request: it gets no new tasks; its running ones finish")]
    private partial void LogAgentDrained(string name);

    [Microsoft.Extensions.Logging.LoggerMessage(61, Microsoft.Extensions.Logging.LogLevel.Information, "Agent {Name} resumed by request: it gets new tasks again")]
    private partial void LogAgentResumed(string name);
}
