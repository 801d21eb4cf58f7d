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

    /// <summary>Reads the status line of one process; false when it is gone (no exception: a busy host loses many between listing and reading).</summary>
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        Span<byte> line = stackalloc byte[1024];
        var length = NativeMethods.ReadProcStat(pid, line);
        return length > 0 && TryParse(line[..length], out stat);
    }

    /// <summary>Parses a <c>/proc/[pid]/stat</c> line; the command name may hold spaces and parentheses.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> line, out ProcStat stat)
    {
        stat = default;
        var open = line.IndexOf((byte)'(');
        var close = line.LastIndexOf((byte)')');
        if (open <= 0 || close < open || !TryInt(line[..open].Trim((byte)' '), out var pid))
        {
            return false;
        }

        // after the name: " S ppid pgrp session ..."
        var rest = line[(close + 1)..];
        Span<int> fields = stackalloc int[3];
        var state = (byte)0;
        for (var field = 0; field < 4; field++)
        {
            rest = rest.TrimStart((byte)' ');
            var space = rest.IndexOf((byte)' ');
            var token = space < 0 ? rest : rest[..space];
            if (token.IsEmpty)
            {
                return false;
            }

            if (field == 0)
            {
                state = token[0];
            }
            else if (!TryInt(token, out fields[field - 1]))
            {
                return false;
            }

            rest = space < 0 ? [] : rest[space..];
        }

        stat = new ProcStat(pid, (char)state, fields[0], fields[1], fields[2]);
        return true;
    }

    private static bool TryInt(ReadOnlySpan<byte> text, out int value) =>
        System.Buffers.Text.Utf8Parser.TryParse(text, out value, out var used) && used == text.Length;

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
