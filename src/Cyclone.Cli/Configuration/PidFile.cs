using System.Globalization;

namespace Cyclone.Cli.Configuration;

/// <summary>
/// A pid file held for the life of the process: it carries a POSIX lock of its process, so a second instance with the
/// same pid file is refused while the first runs (a file left by a process that died holds no lock and is taken over);
/// others can read it all the while. Removed on dispose.
/// </summary>
public sealed class PidFile : IDisposable
{
    private readonly FileStream _stream;

    private PidFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <exception cref="IOException">Another running process holds the pid file; the message names it and its pid.</exception>
    public static PidFile Acquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (!NativeMethods.TryLock(stream.SafeFileHandle))
        {
            stream.Dispose();
            var holder = ReadPid(path);
            throw new IOException($"the pid file {path} is held by another running instance{(holder is null ? "" : $" (pid {holder})")}; stop it first or use another pid_file");
        }

        stream.SetLength(0);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
        stream.Write(System.Text.Encoding.ASCII.GetBytes(pid));
        stream.Flush(flushToDisk: true);
        return new PidFile(path, stream);
    }

    private static string? ReadPid(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadLine()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path); // while still locked, so that no other instance takes a file that is about to go
        }
        catch (IOException)
        {
            // another instance may already hold a new one
        }

        _stream.Dispose();
    }
}
