using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Generators;

/// <summary>Reads a built-in generator's JSON configuration file; an error names the file and what is wrong.</summary>
public static class GeneratorConfig
{
    /// <exception cref="FormatException">The file cannot be read or is not a JSON object.</exception>
    public static JsonObject Read(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new FormatException($"{file}: must hold a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{file}: not valid JSON: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new FormatException($"{file}: {ex.Message}", ex);
        }
    }

    /// <summary>A string member, or null when it is absent.</summary>
    /// <exception cref="FormatException">It is there but not a string.</exception>
    public static string? String(JsonObject config, string member) => config[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new FormatException($"'{member}' must be a string, not {other.GetValueKind()}"),
    };

    /// <summary>A boolean member, or <paramref name="fallback"/> when it is absent.</summary>
    public static bool Boolean(JsonObject config, string member, bool fallback) => config[member] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        var other => throw new FormatException($"'{member}' must be true or false, not {other.GetValueKind()}"),
    };
}
