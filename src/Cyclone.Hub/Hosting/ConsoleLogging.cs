using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Hosting;

/// <summary>One-line console logs with times, and quiet framework chatter.</summary>
public static class ConsoleLogging
{
    public static ILoggingBuilder ConfigureCycloneConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        return logging;
    }
}
