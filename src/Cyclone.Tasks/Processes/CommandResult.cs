namespace Cyclone.Tasks.Processes;

/// <summary>
/// How a command ended: its exit code (-1 when it was killed for its time limit), what it wrote to stdout and
/// stderr (each cut at the request's capture limit), whether it timed out and whether output was cut.
/// </summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr, bool TimedOut = false, bool Truncated = false)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
