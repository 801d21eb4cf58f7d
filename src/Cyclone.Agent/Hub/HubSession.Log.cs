using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hub;

public sealed partial class HubSession
{
    [LoggerMessage(40, LogLevel.Information, "Connected to hub {HubId} at {Grpc} (heartbeat every {HeartbeatMs} ms); running {Running} attempt(s)")]
    private partial void LogConnected(string hubId, string grpc, int heartbeatMs, int running);

    [LoggerMessage(41, LogLevel.Information, "Resending {Count} outcome(s) the hub has not acknowledged")]
    private partial void LogResending(int count);

    [LoggerMessage(42, LogLevel.Warning, "The hub is shutting down ({Reason}); {Running} attempt(s) keep running, and the agent reconnects when it can")]
    private partial void LogHubShutdown(string reason, int running);

    [LoggerMessage(LogLevel.Warning, "The hub asks this agent to retire ({Reason}); shutting down")]
    private partial void LogRetire(string reason);

    [LoggerMessage(43, LogLevel.Warning, "The hub sent an unexpected {Kind} message; ignored")]
    private partial void LogUnexpected(string kind);
}
