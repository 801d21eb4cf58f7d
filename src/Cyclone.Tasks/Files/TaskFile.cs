using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Files;

/// <summary>
/// A task file: the preset parameters of a typed task, as a JSON object or as XML (for files written for the original
/// Python tool; <see cref="XmlTaskFile"/> describes the form). Which one a file is, its content says: XML starts with
/// <c>&lt;</c>.
/// </summary>
public static class TaskFile
{
    /// <summary>The most bytes a task file may have.</summary>
    public const int MaxBytes = 4 << 20;

    /// <summary>Reads the parameters in <paramref name="path"/>.</summary>
    /// <exception cref="TaskFileException">The file cannot be read, is too large, or is not a task file; the message says where.</exception>
    public static JsonObject Read(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new TaskFileException($"{path}: the file has {info.Length} bytes; a task file may have at most {MaxBytes}");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TaskFileException($"{path}: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses a task file's <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="TaskFileException">The text is neither a JSON object nor a task file in XML.</exception>
    public static JsonObject Parse(string text, string source)
    {
        if (text.AsSpan().TrimStart().StartsWith("<"))
        {
            return XmlTaskFile.Parse(text, source);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new TaskFileException($"{source}: the file must hold a JSON object of parameters (or XML)");
        }
        catch (JsonException ex)
        {
            throw new TaskFileException($"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
    }
}
