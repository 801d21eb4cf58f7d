using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Dwork;

/// <summary>The dwork endpoint's log messages.</summary>
internal static partial class DworkLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "dwork clients: ZeroMQ on tcp://{Address}:{Port} ({Tasks} dwork tasks known, {Open} open)")]
    public static partial void Listening(ILogger logger, string address, int port, int tasks, int open);

    [LoggerMessage(Level = LogLevel.Information, Message = "dwork: stored {Count} tasks from {Origin} as job {JobId}")]
    public static partial void Created(ILogger logger, int count, long jobId, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "dwork: location {Location} exited; {Count} of its tasks went back to the queue")]
    public static partial void Exited(ILogger logger, string location, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "dwork: refused a request: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "dwork: a request failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "dwork: cannot listen on tcp://{Address}:{Port}")]
    public static partial void CannotListen(ILogger logger, string address, int port, Exception exception);
}
