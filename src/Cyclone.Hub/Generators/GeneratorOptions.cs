using Cyclone.Core.Parsing;
using Cyclone.Hub.Scheduling;

namespace Cyclone.Hub.Generators;

/// <summary>
/// One task generator (configuration section <c>Hub:Generators:NAME</c>): a built-in (<see cref="Class"/> <c>file</c>,
/// <c>range</c> or <c>schedule</c>) or a class of a plugin assembly, with its configuration file.
/// </summary>
public sealed class GeneratorOptions
{
    /// <summary>A plugin assembly (a .dll path) that holds <see cref="Class"/>. Default: none, a built-in generator.</summary>
    public string? Assembly { get; set; }

    /// <summary>The generator: <c>file</c>, <c>range</c>, <c>schedule</c>, or a plugin's full class name. Required.</summary>
    public string? Class { get; set; }

    /// <summary>The generator's configuration file (JSON for the built-ins: docs/generators.md). Required for the built-ins.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The user that owns the jobs the generator submits. Default: <c>generator</c>.</summary>
    public string User { get; set; } = "generator";

    /// <summary>Whether the generator runs; false keeps it configured but idle. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Checks the settings and, for a built-in, its configuration file; each problem names <paramref name="name"/>.</summary>
    public IEnumerable<string> Problems(string name)
    {
        var at = $"Hub:Generators:{name}";
        if (!Tasks.SinkNames.IsName(name))
        {
            yield return $"{at}: '{Excerpt.Of(name)}' is not a generator name (letters, digits and _, not starting with a digit; at most 64)";
        }

        if (string.IsNullOrWhiteSpace(Class))
        {
            yield return $"{at}:Class is required: file, range, schedule, or a class of the assembly given as Assembly";
            yield break;
        }

        if (!PullWorkers.IsValidWorker(User))
        {
            yield return $"{at}:User '{Excerpt.Of(User ?? "")}' is not a user name: use 1 to 100 letters, digits, '_', '.', '-' or '@'";
        }

        if (ConfigFile is not null && !File.Exists(ConfigFile))
        {
            yield return $"{at}:ConfigFile '{Excerpt.Of(ConfigFile)}' does not exist";
            yield break;
        }

        if (Assembly is not null)
        {
            if (!File.Exists(Assembly))
            {
                yield return $"{at}:Assembly '{Excerpt.Of(Assembly)}' does not exist";
            }

            yield break;
        }

        if (!BuiltinGenerators.Names.Contains(Class))
        {
            yield return $"{at}:Class '{Excerpt.Of(Class)}' is not a built-in generator (file, range, schedule); give Assembly for a plugin's class";
        }
        else if (ConfigFile is null)
        {
            yield return $"{at}:ConfigFile is required for the built-in generator '{Class}'";
        }
        else if (BuiltinGenerators.CheckConfig(Class, ConfigFile) is { } problem)
        {
            yield return $"{at}:ConfigFile {problem}";
        }
    }
}
