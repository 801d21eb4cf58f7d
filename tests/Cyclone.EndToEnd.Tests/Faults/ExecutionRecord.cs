using System.Globalization;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// One line a workload task appends to the shared execution log when it starts (<c>S</c>) or ends (<c>E</c>):
/// <c>S task attempt node agent pid unix-ms</c>. Written by the task itself, so it records what really ran.
/// </summary>
internal sealed record ExecutionRecord(char Kind, long TaskId, int Attempt, int Node, string Agent, int Pid, long AtMs)
{
    /// <summary>The shell function a task command starts with; <c>r S</c> and <c>r E</c> append a record.</summary>
    public static string Recorder(string log) =>
        $"r() {{ echo \"$1 $CYCLONE_TASK_ID $CYCLONE_ATTEMPT $CYCLONE_NODEID $CYCLONE_NODENAME $$ $(date +%s%3N)\" >> {log}; }}; ";

    public static ExecutionRecord? Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 7 || f[0].Length != 1)
        {
            return null; // a line cut by a kill
        }

        var i = CultureInfo.InvariantCulture;
        return long.TryParse(f[1], i, out var task) && int.TryParse(f[2], i, out var attempt) && int.TryParse(f[3], i, out var node)
            && int.TryParse(f[5], i, out var pid) && long.TryParse(f[6], i, out var at)
            ? new ExecutionRecord(f[0][0], task, attempt, node, f[4], pid, at)
            : null;
    }
}
