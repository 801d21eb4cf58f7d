using System.Globalization;
using System.Runtime.InteropServices;

namespace Cyclone.Agent.Executors;

/// <summary>The few libc calls the executor needs.</summary>
internal static unsafe partial class NativeMethods
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to a process (<paramref name="pid"/> &gt; 0) or a process group (<paramref name="pid"/> &lt; 0).</summary>
    /// <returns>True when the signal was delivered; false when no such process exists or it may not be signalled.</returns>
    public static bool Kill(int pid, int signal) => SysKill(pid, signal) == 0;

    /// <summary>
    /// Reads <c>/proc/PID/stat</c> into <paramref name="buffer"/> with plain system calls; answers the bytes read, or 0 when the
    /// process is gone or cannot be read (no exception is thrown for that common case).
    /// </summary>
    public static int ReadProcStat(int pid, Span<byte> buffer)
    {
        Span<byte> path = stackalloc byte[32];
        if (!System.Text.Unicode.Utf8.TryWrite(path, CultureInfo.InvariantCulture, $"/proc/{pid}/stat\0", out _))
        {
            return 0;
        }

        int fd;
        fixed (byte* p = path)
        {
            fd = SysOpen(p, OpenReadOnly | OpenCloseOnExec);
        }

        if (fd < 0)
        {
            return 0;
        }

        try
        {
            fixed (byte* b = buffer)
            {
                var read = SysRead(fd, b, (nint)buffer.Length);
                return read > 0 ? (int)read : 0;
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open")]
    private static partial int SysOpen(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint SysRead(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int sig);
}
