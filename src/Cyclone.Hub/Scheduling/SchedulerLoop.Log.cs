using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    [LoggerMessage(1, LogLevel.Information, "Reloaded {Count} active tasks from the store ({Ready} ready)")]
    private partial void LogRestored(int count, int ready);

    [LoggerMessage(2, LogLevel.Information, "Agent {Name} connected from {Peer} with {Slots} slots, running {Running} attempt(s)")]
    private partial void LogAgentConnected(string name, string peer, int slots, int running);

    [LoggerMessage(3, LogLevel.Information, "Agent {Name} disconnected; its leases hold until they time out")]
    private partial void LogAgentDisconnected(string name);

    [LoggerMessage(4, LogLevel.Warning, "Agent {Name} lost: no heartbeat for {Seconds}s; its attempts are redispatched")]
    private partial void LogAgentLost(string name, double seconds);

    [LoggerMessage(5, LogLevel.Information, "Agent {Name} reconnected from {NewPeer}; closing its old stream from {OldPeer}")]
    private partial void LogAgentReplaced(string name, string oldPeer, string newPeer);

    [LoggerMessage(6, LogLevel.Information, "Agent {Name} is leaving (hand back: {HandBack})")]
    private partial void LogAgentLeaving(string name, bool handBack);

    [LoggerMessage(7, LogLevel.Information, "Ignored an outcome from {Name} for task {TaskId} attempt {Attempt}: not the current attempt")]
    private partial void LogStaleOutcome(string name, long taskId, int attempt);

    [LoggerMessage(8, LogLevel.Error, "Could not make scheduler changes durable; retrying in {DelayMs} ms")]
    private partial void LogPersistFailed(Exception ex, double delayMs);

    [LoggerMessage(10, LogLevel.Warning, "The scheduler stops: {Reason}. Its agents are sent away to the active hub")]
    private partial void LogFenced(string reason);

    [LoggerMessage(9, LogLevel.Critical, "The scheduler loop failed")]
    private partial void LogLoopFailed(Exception ex);

    [LoggerMessage(41, LogLevel.Information, "Pull worker {Name} made no call within its lease time; its attempts go back to the queue")]
    private partial void LogPullWorkerLost(string name);

    [LoggerMessage(40, LogLevel.Warning, "Agent {Name} cut off: {Reason}; its running work is redispatched")]
    private partial void LogAgentEvicted(string name, string reason);

    [LoggerMessage(60, LogLevel.Warning, "Task {TaskId} attempt {Attempt} reported results that are dropped: {Problems}")]
    private partial void LogResultsDropped(long taskId, int attempt, string problems);
}
