namespace Cyclone.Tasks;

/// <summary>
/// A task ran and failed: a command it ran exited with an error, a check exceeded its time limit, a file
/// operation failed. The message says what failed and where; <see cref="ExitCode"/> is what the attempt reports.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException()
    {
    }

    public TaskFailedException(string message)
        : base(message)
    {
    }

    public TaskFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TaskFailedException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the attempt reports: a failed command's own (1 to 255), else 1.</summary>
    public int ExitCode { get; } = 1;
}
