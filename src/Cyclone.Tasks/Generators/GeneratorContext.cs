namespace Cyclone.Tasks.Generators;

/// <summary>What a generator gets: its name, its configuration file, where it stopped last time, a clock and a log.</summary>
public sealed class GeneratorContext(string name, string? configFile, string? cursor, TimeProvider time, TextWriter log)
{
    /// <summary>The generator's name in the hub's configuration.</summary>
    public string Name { get; } = name;

    /// <summary>The full path of its configuration file, or null when none is configured.</summary>
    public string? ConfigFile { get; } = configFile;

    /// <summary>The <see cref="GeneratedTask.Cursor"/> of the last task the hub stored, or null on the first run.</summary>
    public string? Cursor { get; } = cursor;

    public TimeProvider Time { get; } = time;

    /// <summary>Lines written here go to the hub's log, under the generator's name.</summary>
    public TextWriter Log { get; } = log;
}
