using System.Text.Json;

namespace Cyclone.Cli.Common;

/// <summary>Reads an option's JSON value (<c>--data</c>); a value that is not JSON is reported as a usage error.</summary>
public static class JsonArgument
{
    public static bool TryParse(string? text, string option, out JsonElement? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            value = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            ClientAction.Fail($"{option} is not JSON: {ex.Message}");
            return false;
        }
    }
}
