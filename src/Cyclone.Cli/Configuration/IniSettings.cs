namespace Cyclone.Cli.Configuration;

/// <summary>What an INI file sets: configuration overrides (<c>Hub:Port</c>, ...), and the pid file and log file, which the CLI itself handles.</summary>
public sealed class IniSettings
{
    public Dictionary<string, string?> Overrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? PidFile { get; set; }

    public string? LogFile { get; set; }

    /// <summary>Settings accepted that have no effect in Cyclone, each with why; printed at start.</summary>
    public List<string> Notices { get; } = [];
}
