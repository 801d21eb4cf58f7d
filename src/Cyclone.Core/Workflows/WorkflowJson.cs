using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Cyclone.Core.Workflows;

/// <summary>Parses a workflow file's JSON for the readers: text that is no UTF-8, or no JSON, is a problem of the file.</summary>
internal static class WorkflowJson
{
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, JsonDocumentOptions options, List<WorkflowProblem> problems)
    {
        if (!Utf8.IsValid(utf8))
        {
            // JSON parsing leaves strings undecoded until they are read, which would then throw
            problems.Add(new WorkflowProblem("file", $"not UTF-8 text: the bytes at offset {InvalidOffset(utf8)} are no character"));
            return null;
        }

        try
        {
            // first: the parser itself reads property names (to find duplicates), and would throw on a bad escape in one
            if (BadEscape(utf8, options) is { } bad)
            {
                problems.Add(new WorkflowProblem("file", bad));
                return null;
            }

            return JsonNode.Parse(utf8, documentOptions: options);
        }
        catch (JsonException ex)
        {
            problems.Add(new WorkflowProblem("file", $"not valid JSON: {ex.Message}"));
            return null;
        }
    }

    /// <summary>A string with an escape that is no character (a lone surrogate such as <c>\uD800</c>): reading it would throw later.</summary>
    private static string? BadEscape(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = options.CommentHandling, AllowTrailingCommas = options.AllowTrailingCommas, MaxDepth = options.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException ex)
                {
                    return $"not valid JSON: the string at offset {reader.TokenStartIndex} holds an escape that is no character ({ex.Message})";
                }
            }
        }

        return null;
    }

    private static int InvalidOffset(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length && Rune.DecodeFromUtf8(utf8[at..], out _, out var length) == OperationStatus.Done)
        {
            at += length;
        }

        return at;
    }
}
