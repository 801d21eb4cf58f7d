using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hosting;

/// <summary>One-line console logs with UTC times, and quiet framework chatter.</summary>
public static class AgentLogging
{
    public static ILoggingBuilder ConfigureAgentConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        return logging;
    }
}
