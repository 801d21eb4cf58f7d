using System.Runtime.InteropServices;

namespace Cyclone.Agent.Executors;

/// <summary>The libc calls that put a signal back to its default disposition and start this program again.</summary>
internal static unsafe partial class NativeMethods
{
    public const int SigChld = 17;

    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    public static partial int ExecVe(byte* path, byte** argv, byte** envp);
}
