using System.Globalization;
using Cyclone.Agent.Hosting;

namespace Cyclone.Agent.Executors;

/// <summary>
/// The sessions (process trees) this agent has running, one file each in its state directory, named by the session
/// id and holding the leader's start time. An agent that was killed cannot stop its trees; the next agent of the same
/// name on this host does, at start: a crashed agent leaves nothing running that the hub has given to others.
/// </summary>
public sealed class SessionJournal
{
    private readonly string? _directory;

    public SessionJournal(AgentOptions options)
    {
        _directory = options.StateDirectoryPath();
        try
        {
            Directory.CreateDirectory(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _directory = null; // without a journal a crashed agent's processes are not cleaned up; the agent still works
        }
    }

    public void Record(int session)
    {
        if (_directory is not null && StartTime(session) is { } start)
        {
            File.WriteAllText(Path.Combine(_directory, Text(session)), Text(start));
        }
    }

    public void Forget(int session)
    {
        if (_directory is not null)
        {
            File.Delete(Path.Combine(_directory, Text(session)));
        }
    }

    /// <summary>Kills every tree a previous agent of this name left running; answers how many.</summary>
    public int KillLeftovers()
    {
        if (_directory is null)
        {
            return 0;
        }

        var killed = 0;
        foreach (var file in Directory.GetFiles(_directory))
        {
            if (int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var session)
                && long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && StartTime(session) == start)
            {
                ProcessTree.Signal(session, NativeMethods.SigKill, followParents: true);
                killed++;
            }

            File.Delete(file);
        }

        return killed;
    }

    /// <summary>Field 22 of <c>/proc/[pid]/stat</c>: when the process started, in clock ticks since boot (tells a reused pid apart).</summary>
    private static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
