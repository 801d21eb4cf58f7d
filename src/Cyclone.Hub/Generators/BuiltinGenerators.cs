using Cyclone.Tasks.Generators;

namespace Cyclone.Hub.Generators;

/// <summary>The generators the hub has built in, by the class name a configuration gives them.</summary>
public static class BuiltinGenerators
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "file", "range", "schedule" };

    public static ITaskGenerator Create(string name) => name switch
    {
        "file" => new FileTaskGenerator(),
        "range" => new RangeTaskGenerator(),
        "schedule" => new ScheduleTaskGenerator(),
        _ => throw new ArgumentException($"'{name}' is not a built-in generator", nameof(name)),
    };

    /// <summary>What is wrong with a built-in's configuration file, or null.</summary>
    public static string? CheckConfig(string name, string configFile) => name switch
    {
        "file" => FileTaskGenerator.Check(configFile),
        "range" => RangeTaskGenerator.Check(configFile),
        "schedule" => ScheduleTaskGenerator.Check(configFile),
        _ => null,
    };
}
