using System.Globalization;

namespace Cyclone.Agent.Executors;

/// <summary>
/// Finds and signals the whole tree of a process started in its own session (pid = process group =
/// session): every process of that session or group, and every descendant that moved to another group
/// or session (found through parent links in <c>/proc</c>, snapshotted before signalling).
/// </summary>
internal static class ProcessTree
{
    /// <summary>One line of <c>/proc/[pid]/stat</c>: the fields the tree walk needs.</summary>
    internal readonly record struct ProcStat(int Pid, char State, int ParentPid, int Group, int Session);

    /// <summary>The members of <paramref name="root"/>'s tree, <paramref name="root"/> included when it still exists.</summary>
    /// <param name="root">The pid of the session leader.</param>
    /// <param name="followParents">
    /// Also take descendants by parent links. Only safe while <paramref name="root"/> has not been reaped
    /// (otherwise its pid may belong to someone else).
    /// </param>
    public static IReadOnlyList<int> Members(int root, bool followParents)
    {
        var all = ReadAll();
        var members = new HashSet<int>(all.Where(p => p.Session == root || p.Group == root).Select(p => p.Pid));
        if (!followParents)
        {
            return members.ToList();
        }

        members.Add(root);
        var children = all.ToLookup(p => p.ParentPid, p => p.Pid);
        var queue = new Queue<int>(members);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children[pid])
            {
                if (members.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return members.ToList();
    }

    /// <summary>Sends <paramref name="signal"/> to the tree of <paramref name="root"/>: its group, then each member found.</summary>
    public static void Signal(int root, int signal, bool followParents)
    {
        if (root <= 1)
        {
            return;
        }

        var members = Members(root, followParents);
        NativeMethods.Kill(-root, signal);
        foreach (var pid in members)
        {
            if (pid > 1 && pid != Environment.ProcessId)
            {
                NativeMethods.Kill(pid, signal);
            }
        }
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => TryRead(pid, out var stat) && stat.State != 'Z' && stat.State != 'X';

    /// <summary>Reads the status line of one process.</summary>
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        try
        {
            return TryParse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"), out stat);
        }
        catch (IOException)
        {
            return false; // gone between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Parses a <c>/proc/[pid]/stat</c> line; the command name may hold spaces and parentheses.</summary>
    internal static bool TryParse(string line, out ProcStat stat)
    {
        stat = default;
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            return false;
        }

        var rest = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length < 4
            || !int.TryParse(line.AsSpan(0, open).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(rest[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(rest[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(rest[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var session))
        {
            return false;
        }

        stat = new ProcStat(pid, rest[0][0], ppid, group, session);
        return true;
    }

    private static List<ProcStat> ReadAll()
    {
        var result = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryRead(pid, out var stat))
            {
                result.Add(stat);
            }
        }

        return result;
    }
}
