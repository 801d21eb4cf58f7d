using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

public sealed partial class SlurmExecutor
{
    [LoggerMessage(400, LogLevel.Information, "Took up {Count} Slurm job(s) a previous agent of this name left; the hub says which go on")]
    private partial void LogRecovered(int count);

    [LoggerMessage(401, LogLevel.Warning, "Cannot look for Slurm jobs a previous agent of this name left: {Problem}")]
    private partial void LogRecoveryBlind(string problem);

    [LoggerMessage(402, LogLevel.Information, "Cancelled Slurm job {JobId}: {Why}")]
    private partial void LogCancelled(long jobId, string why);

    [LoggerMessage(403, LogLevel.Warning, "scancel {JobId} failed: {Problem}")]
    private partial void LogCancelFailed(long jobId, string problem);
}
