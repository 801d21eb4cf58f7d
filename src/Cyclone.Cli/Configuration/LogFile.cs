namespace Cyclone.Cli.Configuration;

/// <summary>The console's output and errors appended to a file (<c>[log] filename</c>) while it is open.</summary>
public sealed class LogFile : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly StreamWriter _file;

    private LogFile(StreamWriter file)
    {
        _file = file;
        var shared = TextWriter.Synchronized(file);
        Console.SetOut(shared);
        Console.SetError(shared);
    }

    public static LogFile Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new LogFile(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true });
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
        _file.Dispose();
    }
}
