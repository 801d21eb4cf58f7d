using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Sinks;

public sealed partial class SinkService
{
    [LoggerMessage(1, LogLevel.Information, "Sink {Name} ({Kind}) delivers to {Destination}")]
    private partial void LogSinkStarted(string name, SinkKind kind, string destination);
}
