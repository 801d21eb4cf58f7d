using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Tasks.Files;

namespace Cyclone.Cli.Jobs;

/// <summary>
/// The parameters of a typed task from the command line: a task file (<c>--param-file</c>, a JSON object or XML) with
/// <c>--param name=value</c> on top. A value that reads as JSON (<c>12</c>, <c>true</c>, <c>[1,2]</c>) is taken as
/// such; anything else is a string.
/// </summary>
public static class TaskParameters
{
    /// <summary>The merged parameters, or null when none are given.</summary>
    /// <exception cref="ArgumentException">A file is missing or not a JSON object, or a pair has no <c>=</c>; the message says which.</exception>
    public static JsonObject? Read(IReadOnlyList<string> pairs, string? file)
    {
        var result = file is null ? [] : ReadFile(file);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--param '{pair}' is not NAME=VALUE");
            }

            result[pair[..equals].Trim()] = Value(pair[(equals + 1)..]);
        }

        return result.Count > 0 ? result : null;
    }

    private static JsonObject ReadFile(string file)
    {
        try
        {
            return TaskFile.Read(file);
        }
        catch (TaskFileException ex)
        {
            throw new ArgumentException($"--param-file {ex.Message}", ex);
        }
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
