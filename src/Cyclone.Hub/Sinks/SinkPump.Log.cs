using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Sinks;

public sealed partial class SinkPump
{
    [LoggerMessage(1, LogLevel.Warning, "Sink {Sink}: a write of {Buffered} buffered items failed; retrying in {Seconds} s: {Reason}")]
    private partial void LogDeliveryFailed(string sink, int buffered, double seconds, string reason);

    [LoggerMessage(2, LogLevel.Error, "Sink {Sink}: result set {Seq} of task {TaskId} is not a JSON array and is skipped: {Reason}")]
    private partial void LogUnreadableSet(string sink, long seq, long taskId, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Sink {Sink}: wrote {Items} items of {Sets} result sets, up to {Seq}")]
    private partial void LogDelivered(string sink, int items, int sets, long seq);
}
