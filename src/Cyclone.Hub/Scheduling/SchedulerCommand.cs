using System.Runtime.CompilerServices;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;

namespace Cyclone.Hub.Scheduling;

/// <summary>Something for the scheduler loop to do. Only the loop reads these, in order.</summary>
internal abstract record SchedulerCommand;

/// <summary>
/// Durable tasks to schedule. <see cref="External"/> lists upstream tasks of other jobs; the loop reads
/// their states into <see cref="Known"/> just before it handles the command.
/// </summary>
internal sealed record SubmittedCommand(IReadOnlyList<SchedulerTask> Tasks, IReadOnlyList<long> External) : SchedulerCommand
{
    public IReadOnlyDictionary<long, TaskState> Known { get; init; } = new Dictionary<long, TaskState>();
}

/// <summary>Cancel every active task that <see cref="Match"/> selects; <see cref="Cancelled"/> tells how many.</summary>
internal sealed record CancelMatchingCommand(Func<SchedulerTask, bool> Match, string Reason, TaskCompletionSource Done) : SchedulerCommand
{
    public StrongBox<int> Cancelled { get; } = new();
}

/// <summary>Ask an agent to leave (it shuts down as on SIGTERM); <see cref="Found"/> tells whether it is connected.</summary>
internal sealed record RetireCommand(string Agent, string Reason, TaskCompletionSource Done) : SchedulerCommand
{
    public StrongBox<bool> Found { get; } = new();
}

/// <summary>An event was recorded: complete the tasks waiting for it; <see cref="Delivered"/> tells how many.</summary>
internal sealed record EventCommand(string Name, string DataJson, DateTimeOffset At, TaskCompletionSource Done) : SchedulerCommand
{
    public StrongBox<int> Delivered { get; } = new();
}

/// <summary>Cancel these tasks; <see cref="Done"/> completes once the cancellation is durable.</summary>
internal sealed record CancelCommand(IReadOnlyList<long> TaskIds, string Reason, TaskCompletionSource Done) : SchedulerCommand;

internal sealed record ConnectCommand(AgentConnection Connection, Register Register) : SchedulerCommand;

internal sealed record AskCommand(AgentConnection Connection) : SchedulerCommand;

internal sealed record HeartbeatCommand(AgentConnection Connection, Heartbeat Heartbeat) : SchedulerCommand;

internal sealed record OutcomesCommand(AgentConnection Connection, OutcomeBatch Batch) : SchedulerCommand;

internal sealed record LeavingCommand(AgentConnection Connection, bool HandBack) : SchedulerCommand;

internal sealed record DisconnectedCommand(AgentConnection Connection) : SchedulerCommand;

internal sealed record TickCommand : SchedulerCommand;

/// <summary>These tokens no longer hold: agents connected with one are told why, cut off, and their work redispatched.</summary>
internal sealed record RevokeTokensCommand(IReadOnlyCollection<long> TokenIds, string Reason) : SchedulerCommand;

/// <summary>The hub is stopping: tell every agent, then close their streams.</summary>
internal sealed record ShutdownCommand(TaskCompletionSource Done) : SchedulerCommand;
