using System.Runtime.InteropServices;

namespace Cyclone.Cli.Configuration;

/// <summary>The libc call the pid file needs: a POSIX record lock, which leaves the file readable by others (they take flock locks, which it does not touch).</summary>
internal static class NativeMethods
{
    private const int TestAndLock = 2; // F_TLOCK

    /// <summary>Locks the whole file for this process, or answers false when another process holds it.</summary>
    public static bool TryLock(SafeHandle file) => lockf((int)file.DangerousGetHandle(), TestAndLock, 0) == 0;

#pragma warning disable SYSLIB1054 // blittable arguments only; LibraryImport would need unsafe blocks in this project
    [DllImport("libc", SetLastError = true)]
    private static extern int lockf(int fd, int cmd, long len);
#pragma warning restore SYSLIB1054
}
