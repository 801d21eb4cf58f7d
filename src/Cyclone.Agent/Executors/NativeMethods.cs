using System.Runtime.InteropServices;

namespace Cyclone.Agent.Executors;

/// <summary>The few libc calls the executor needs.</summary>
internal static partial class NativeMethods
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to a process (<paramref name="pid"/> &gt; 0) or a process group (<paramref name="pid"/> &lt; 0).</summary>
    /// <returns>True when the signal was delivered; false when no such process exists or it may not be signalled.</returns>
    public static bool Kill(int pid, int signal) => SysKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int sig);
}
