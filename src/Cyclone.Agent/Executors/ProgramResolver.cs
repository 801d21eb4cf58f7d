namespace Cyclone.Agent.Executors;

/// <summary>Finds the file a command's program names, the way a shell would, so a missing one is reported clearly.</summary>
internal static class ProgramResolver
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Resolves <paramref name="program"/>: a name with a slash relative to <paramref name="workingDir"/>,
    /// a bare name through <paramref name="pathVariable"/>. Returns the full path, or null with
    /// <paramref name="error"/> saying what was looked for and where.
    /// </summary>
    public static string? Resolve(string program, string workingDir, string? pathVariable, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(program))
        {
            error = "the command is empty: no program to run";
            return null;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDir);
            if (IsExecutableFile(full, out var present))
            {
                return full;
            }

            error = present ? $"program '{full}' is not executable" : $"program '{program}' not found (looked for {full})";
            return null;
        }

        string? notExecutable = null;
        foreach (var dir in (pathVariable ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.GetFullPath(Path.Combine(dir, program), workingDir);
            if (IsExecutableFile(candidate, out var present))
            {
                return candidate;
            }

            if (present)
            {
                notExecutable ??= candidate;
            }
        }

        error = notExecutable is not null
            ? $"program '{program}' found at {notExecutable} but it is not executable"
            : $"program '{program}' not found on PATH ({pathVariable})";
        return null;
    }

    private static bool IsExecutableFile(string path, out bool present)
    {
        present = File.Exists(path);
        return present && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);
    }
}
