using System.Text.Json;

namespace Cyclone.Hub.Workflows;

/// <summary>The workflow file formats and how to tell them apart.</summary>
public static class WorkflowFormats
{
    public const string Native = "native";
    public const string Nodeworks = "nodeworks";

    /// <summary>
    /// The format named, or else guessed from the file name (<c>.nc</c>: Nodeworks) or the content
    /// (a top-level <c>nodes</c> array: native; entries with <c>"type": "Node"</c>: Nodeworks).
    /// </summary>
    public static string? Resolve(string? format, string? fileName, ReadOnlySpan<byte> content)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            var f = format.Trim().ToLowerInvariant();
            return f is Native or Nodeworks ? f : f is "nc" or "json" ? (f == "nc" ? Nodeworks : Native) : null;
        }

        if (fileName is not null && fileName.EndsWith(".nc", StringComparison.OrdinalIgnoreCase))
        {
            return Nodeworks;
        }

        try
        {
            using var doc = JsonDocument.Parse(content.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Native; // the reader says what is wrong
            }

            if (doc.RootElement.TryGetProperty("nodes", out _))
            {
                return Native;
            }

            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("type", out var type)
                    && type.ValueKind == JsonValueKind.String && type.GetString() is "Node" or "Connection")
                {
                    return Nodeworks;
                }
            }
        }
        catch (JsonException)
        {
            // not JSON at all: the native reader reports where it breaks
        }

        return Native;
    }
}
