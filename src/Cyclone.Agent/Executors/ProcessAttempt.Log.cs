using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors;

public sealed partial class ProcessAttempt
{
    [LoggerMessage(100, LogLevel.Debug, "Task {TaskId} attempt {Attempt} node {Node}: started {Count} process(es) of {Program}")]
    private partial void LogStarted(long taskId, int attempt, int node, int count, string program);

    [LoggerMessage(101, LogLevel.Warning, "Task {TaskId} attempt {Attempt} node {Node} could not start: {Error}")]
    private partial void LogStartFailed(long taskId, int attempt, int node, string error);

    [LoggerMessage(102, LogLevel.Information, "Task {TaskId} attempt {Attempt} node {Node}: killing its process trees ({Reason})")]
    private partial void LogKilling(long taskId, int attempt, int node, string reason);

    [LoggerMessage(103, LogLevel.Warning, "Task {TaskId} attempt {Attempt}: writing output file {Path} failed; its output goes only to the hub from now on")]
    private partial void LogOutputFileFailed(long taskId, int attempt, string path);

    [LoggerMessage(104, LogLevel.Warning, "Task {TaskId} attempt {Attempt}: output pipes still open {Seconds} s after its processes ended (a descendant left the session?); the rest of its output is dropped")]
    private partial void LogOutputAbandoned(long taskId, int attempt, double seconds);
}
