using System.Runtime.InteropServices;

namespace Cyclone.Tasks.Processes;

/// <summary>The one libc call the command runner needs: signalling a process group.</summary>
internal static partial class NativeMethods
{
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to a process (<paramref name="pid"/> &gt; 0) or a process group (<paramref name="pid"/> &lt; 0).</summary>
    public static bool Kill(int pid, int signal) => SysKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int sig);
}
