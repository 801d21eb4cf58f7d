using System.Runtime.InteropServices;

namespace Cyclone.Bench.Hosting;

internal static partial class Native
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
