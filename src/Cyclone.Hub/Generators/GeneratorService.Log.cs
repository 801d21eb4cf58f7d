using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Generators;

public sealed partial class GeneratorService
{
    [LoggerMessage(1, LogLevel.Information, "Generator {Name} ({Class}) starts after {Cursor}")]
    private partial void LogStarting(string name, string @class, string cursor);

    [LoggerMessage(2, LogLevel.Debug, "Generator {Name}: job {JobId} submitted (cursor {Cursor})")]
    private partial void LogSubmitted(string name, long jobId, string cursor);

    [LoggerMessage(3, LogLevel.Error, "Generator {Name}: the task at cursor {Cursor} is not valid and is skipped: {Problem}")]
    private partial void LogInvalid(string name, string cursor, string problem);

    [LoggerMessage(4, LogLevel.Information, "Generator {Name} ended after submitting {Submitted} jobs")]
    private partial void LogEnded(string name, long submitted);

    [LoggerMessage(5, LogLevel.Error, "Generator {Name} failed; it starts again from its cursor in {Seconds} s: {Reason}")]
    private partial void LogFailed(string name, double seconds, string reason);
}
