namespace Cyclone.Agent.Executors.Slurm;

/// <summary>The <c>cyclone</c> program as the words of a command that Slurm runs on a compute node (pilots, typed tasks).</summary>
public static class CycloneProgram
{
    /// <summary>
    /// <paramref name="given"/> when set (a full path); else this process's program: <c>dotnet /path/cyclone.dll</c> when it
    /// runs through dotnet, else the program itself.
    /// </summary>
    public static IReadOnlyList<string> Words(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return [Path.GetFullPath(given)];
        }

        var process = Environment.ProcessPath ?? "cyclone";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry
            ? [process, entry]
            : [process];
    }
}
