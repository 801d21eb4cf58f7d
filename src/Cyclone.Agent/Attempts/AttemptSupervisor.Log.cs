using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Attempts;

public sealed partial class AttemptSupervisor
{
    [LoggerMessage(120, LogLevel.Information, "{Attempt} ended: {Kind}, exit code {ExitCode}, after {Seconds:0.###} s")]
    private partial void LogFinished(string attempt, string kind, int exitCode, double seconds);

    [LoggerMessage(125, LogLevel.Debug, "{Attempt} succeeded after {Seconds:0.###} s")]
    private partial void LogSucceeded(string attempt, double seconds);

    [LoggerMessage(121, LogLevel.Information, "{Attempt}: stopping on the hub's order ({Reason})")]
    private partial void LogStopping(string attempt, string reason);

    [LoggerMessage(122, LogLevel.Debug, "Stop order for {Attempt}, which does not run here ({Reason}); ignored")]
    private partial void LogStopUnknown(string attempt, string reason);

    [LoggerMessage(123, LogLevel.Debug, "Lease for {Attempt}, which runs already; ignored")]
    private partial void LogDuplicateLease(string attempt);

    [LoggerMessage(124, LogLevel.Error, "{Attempt}: the agent failed running it")]
    private partial void LogAttemptCrashed(Exception ex, string attempt);
}
