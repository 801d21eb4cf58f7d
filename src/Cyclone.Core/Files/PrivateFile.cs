namespace Cyclone.Core.Files;

/// <summary>Files and directories only their owner may read: where tokens are kept (mode 0600 and 0700 from the moment they exist).</summary>
public static class PrivateFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with mode 0600 (also when the file existed with another mode).</summary>
    public static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(content.AsMemory(), ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Creates <paramref name="path"/> (and its parents) with mode 0700 when it does not exist.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
