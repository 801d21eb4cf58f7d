using System.CommandLine;

namespace Cyclone.Cli.Configuration;

/// <summary>
/// <c>-f FILE</c> of <c>cyclone hub</c> and <c>cyclone agent</c>: an INI file of the original tool (<c>master.conf</c>,
/// <c>controller.conf</c>); options given on the command line win over it. It also holds the pid file and the log file
/// while the command runs.
/// </summary>
public sealed class ConfigFileOption
{
    public Option<string?> File { get; } = new("--config-file", "-f") { Description = "An INI file of the original tool (master.conf for a hub, controller.conf for an agent); command-line options win over it", HelpName = "FILE" };

    /// <summary>The file's settings, or none when <c>-f</c> is not given.</summary>
    /// <exception cref="ConfigFileException">The file is unreadable or wrong; the message names file:line.</exception>
    public IniSettings Read(ParseResult result, bool hub)
    {
        if (result.GetValue(File) is not { Length: > 0 } path)
        {
            return new IniSettings();
        }

        try
        {
            var file = IniFile.Read(path);
            return hub ? IniMapping.ForHub(file) : IniMapping.ForAgent(file);
        }
        catch (FormatException ex)
        {
            throw new ConfigFileException(ex.Message, ex);
        }
    }

    /// <summary>Takes the pid file and sends the console to the log file, as <paramref name="settings"/> say; undone on dispose.</summary>
    /// <exception cref="ConfigFileException">The pid file is held by another instance, or a file cannot be opened.</exception>
    public static IDisposable Hold(IniSettings settings)
    {
        try
        {
            return HoldFiles(settings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException(ex.Message, ex);
        }
    }

    private static Held HoldFiles(IniSettings settings)
    {
        var pid = settings.PidFile is { } pidPath ? PidFile.Acquire(pidPath) : null;
        LogFile? log = null;
        try
        {
            log = settings.LogFile is { } logPath ? LogFile.Open(logPath) : null;
            foreach (var notice in settings.Notices)
            {
                Console.Error.WriteLine($"note: {notice}");
            }
        }
        catch
        {
            pid?.Dispose();
            throw;
        }

        return new Held(pid, log);
    }

    private sealed class Held(PidFile? pid, LogFile? log) : IDisposable
    {
        public void Dispose()
        {
            log?.Dispose();
            pid?.Dispose();
        }
    }
}
