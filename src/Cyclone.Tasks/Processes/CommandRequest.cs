namespace Cyclone.Tasks.Processes;

/// <summary>
/// A program to run: its argument vector (the program first, found on the PATH when it has no slash), an
/// optional working directory, extra environment variables and a time limit, and how much of each output
/// stream to keep.
/// </summary>
public sealed record CommandRequest(IReadOnlyList<string> Argv)
{
    /// <summary>Characters of stdout and of stderr kept by default (1 Mi each); the rest is read and dropped.</summary>
    public const int DefaultMaxCaptureChars = 1 << 20;

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing those of) the environment the program inherits.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>After this long the program's process group is killed and the result says it timed out; null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    public int MaxCaptureChars { get; init; } = DefaultMaxCaptureChars;
}
