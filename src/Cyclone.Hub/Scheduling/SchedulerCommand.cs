using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;

namespace Cyclone.Hub.Scheduling;

/// <summary>Something for the scheduler loop to do. Only the loop reads these, in order.</summary>
internal abstract record SchedulerCommand;

/// <summary>Durable tasks to schedule.</summary>
internal sealed record SubmittedCommand(IReadOnlyList<SchedulerTask> Tasks) : SchedulerCommand;

/// <summary>Cancel these tasks; <see cref="Done"/> completes once the cancellation is durable.</summary>
internal sealed record CancelCommand(IReadOnlyList<long> TaskIds, string Reason, TaskCompletionSource Done) : SchedulerCommand;

internal sealed record ConnectCommand(AgentConnection Connection, Register Register) : SchedulerCommand;

internal sealed record AskCommand(AgentConnection Connection) : SchedulerCommand;

internal sealed record HeartbeatCommand(AgentConnection Connection, Heartbeat Heartbeat) : SchedulerCommand;

internal sealed record OutcomesCommand(AgentConnection Connection, OutcomeBatch Batch) : SchedulerCommand;

internal sealed record LeavingCommand(AgentConnection Connection, bool HandBack) : SchedulerCommand;

internal sealed record DisconnectedCommand(AgentConnection Connection) : SchedulerCommand;

internal sealed record TickCommand : SchedulerCommand;

/// <summary>The hub is stopping: tell every agent, then close their streams.</summary>
internal sealed record ShutdownCommand(TaskCompletionSource Done) : SchedulerCommand;
