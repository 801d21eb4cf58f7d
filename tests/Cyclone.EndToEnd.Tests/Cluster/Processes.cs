namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>Facts about host processes the tests check.</summary>
internal static class Processes
{
    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads a pid a task wrote into a file, once the file has it.</summary>
    public static Task<int> PidFromFileAsync(string path) =>
        Eventually.UntilAsync<object>(
            () => Task.FromResult<object?>(File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var pid) ? pid : null),
            TimeSpan.FromSeconds(30), $"{path} holds a pid")
        .ContinueWith(t => (int)t.Result, TaskScheduler.Default);
}
