using System.Diagnostics;

namespace Cyclone.Tests.Shared;

/// <summary>
/// A small tmpfs mounted on a new temporary directory (root only), to fill a disk on purpose. Without root it is
/// not available: tests then say so, and fail when <c>CYCLONE_REQUIRE_SERVICES=1</c> (as in CI).
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>True when mounting is possible here (running as root).</summary>
    public static bool Available => Environment.UserName == "root" || geteuid() == 0;

    /// <summary>True when tests that need root must not be left out.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    public static TmpfsMount Create(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("cyclone-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Fills the file system up with a ballast file; answers its path.</summary>
    public string Fill()
    {
        var ballast = System.IO.Path.Combine(Path, "ballast");
        var block = new byte[1 << 20];
        using var stream = new FileStream(ballast, FileMode.Create, FileAccess.Write);
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // the disk is full
        }

        // a last few kilobytes may remain: take them too
        try
        {
            while (true)
            {
                stream.Write(block, 0, 4096);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // now it is
        }

        return ballast;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {error}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();
}
