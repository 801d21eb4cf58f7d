namespace Cyclone.Tasks.Builtin.FileSystem;

/// <summary>Names and removes the files the file-system tasks make in a target directory.</summary>
internal static class ScratchFiles
{
    /// <summary>A name no other run (on this or another host) picks: <c>.cyclone-KIND-HOST-PID-RANDOM</c>.</summary>
    public static string Name(string kind) =>
        $".cyclone-{kind}-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The directory, checked to exist; a missing one is an input error that names it.</summary>
    public static string ExistingDirectory(string input, string directory) =>
        Directory.Exists(directory)
            ? Path.GetFullPath(directory)
            : throw new TaskInputException($"input '{input}': the directory '{directory}' does not exist or cannot be seen");

    /// <summary>Removes <paramref name="path"/> (a file or a directory tree); says in the log when it cannot.</summary>
    public static void Remove(string path, TextWriter log)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"could not remove {path}: {ex.Message}");
        }
    }

    /// <summary>A figure per second that is finite and positive even when the clock saw no time pass.</summary>
    public static double PerSecond(double amount, TimeSpan elapsed) =>
        amount / System.Math.Max(elapsed.TotalSeconds, TimeSpan.FromTicks(1).TotalSeconds);
}
