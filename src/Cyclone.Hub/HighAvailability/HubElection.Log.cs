using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.HighAvailability;

public sealed partial class HubElection
{
    [LoggerMessage(1, LogLevel.Information, "This hub is now the active hub (term {Epoch}; after {Seconds} s standing by)")]
    private partial void LogActive(long epoch, double seconds);

    [LoggerMessage(2, LogLevel.Information, "This hub stands by; the active hub is {Active}")]
    private partial void LogStandingBy(string active);

    [LoggerMessage(3, LogLevel.Warning, "The leader lock cannot be tried ({Error}); standing by and trying again")]
    private partial void LogCannotElect(string error);

    [LoggerMessage(4, LogLevel.Error, "This hub is no longer the active hub: {Reason}. It stops leasing and writing at once and stands by again")]
    private partial void LogLost(string reason);
}
