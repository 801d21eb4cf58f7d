using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

public sealed partial class SlurmAttempt
{
    [LoggerMessage(410, LogLevel.Information, "Task {TaskId} attempt {Attempt} node {Node} submitted as Slurm job {JobId}")]
    private partial void LogSubmitted(long taskId, int attempt, int node, long jobId);

    [LoggerMessage(411, LogLevel.Information, "Task {TaskId} attempt {Attempt} node {Node}: took up Slurm job {JobId} again")]
    private partial void LogAdopted(long taskId, int attempt, int node, long jobId);

    [LoggerMessage(412, LogLevel.Warning, "Task {TaskId} attempt {Attempt} node {Node} could not be submitted: {Error}")]
    private partial void LogStartFailed(long taskId, int attempt, int node, string error);

    [LoggerMessage(413, LogLevel.Warning, "Cannot read the Slurm queue while job {JobId} runs (tried again next round): {Problem}")]
    private partial void LogQueueUnreadable(long jobId, string problem);

    [LoggerMessage(414, LogLevel.Warning, "Task {TaskId} attempt {Attempt}: the output files of its patterns could not be written: {Error}")]
    private partial void LogOutputFilesFailed(long taskId, int attempt, string error);
}
