using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Workflows.Nodeworks;

/// <summary>
/// Writes a run's results into a Nodeworks file: only the <c>value</c> of each given output terminal
/// changes, spliced in place; every other byte (spacing, key order, number forms) stays as it was.
/// Numbers are written as Python's json module writes them for the terminal's dtype (<c>3125.0</c> for a float).
/// </summary>
public static class NodeworksOutputWriter
{
    public static byte[] FillOutputs(ReadOnlySpan<byte> original, IReadOnlyDictionary<(string Node, string Terminal), JsonNode?> values)
    {
        var spans = ValueSpans(original);
        var dtypes = Dtypes(original);
        var edits = new List<(int Start, int End, byte[] Text)>();
        foreach (var (key, value) in values)
        {
            if (!spans.TryGetValue(key, out var span))
            {
                throw new ArgumentException($"the file has no output terminal {key.Node}.{key.Terminal}", nameof(values));
            }

            edits.Add((span.Start, span.End, Encoding.UTF8.GetBytes(Format(value, dtypes.GetValueOrDefault(key)))));
        }

        var result = new List<byte>(original.Length + 64);
        var at = 0;
        foreach (var (start, end, text) in edits.OrderBy(e => e.Start))
        {
            result.AddRange(original[at..start].ToArray());
            result.AddRange(text);
            at = end;
        }

        result.AddRange(original[at..].ToArray());
        return [.. result];
    }

    /// <summary>The stored value of every output terminal that has a value to fill in, by node and terminal.</summary>
    public static IReadOnlyDictionary<(string Node, string Terminal), JsonNode?> RecordedOutputs(ReadOnlySpan<byte> utf8)
    {
        var root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = NodeworksReader.MaxDepth }) as JsonObject ?? [];
        var result = new Dictionary<(string, string), JsonNode?>();
        foreach (var (node, entry) in root)
        {
            if (entry is JsonObject e && NodeworksReader.Text(e["type"]) == "Node" && e["terminals"] is JsonObject terminals)
            {
                foreach (var (name, t) in terminals)
                {
                    if (t is JsonObject terminal && terminal["opts"] is JsonObject opts && opts["out"] is JsonValue o && o.GetValueKind() == JsonValueKind.True
                        && terminal.ContainsKey("value"))
                    {
                        result[(node, name)] = terminal["value"]?.DeepClone();
                    }
                }
            }
        }

        return result;
    }

    /// <summary>A value as Python's json module writes it: a whole float keeps its <c>.0</c>.</summary>
    public static string Format(JsonNode? value, string? dtype)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            var d = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (dtype == "<class 'int'>" && d == Math.Floor(d) && Math.Abs(d) < 1e18)
            {
                return ((long)d).ToString(CultureInfo.InvariantCulture);
            }

            if (dtype == "<class 'float'>" || d != Math.Floor(d) || v.ToJsonString().Contains('.', StringComparison.Ordinal))
            {
                var text = d.ToString("R", CultureInfo.InvariantCulture);
                return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || text.Contains('N', StringComparison.Ordinal) || text.Contains('I', StringComparison.Ordinal)
                    ? text.Replace("E", "e", StringComparison.Ordinal)
                    : text + ".0";
            }
        }

        return value?.ToJsonString() ?? "null";
    }

    private static Dictionary<(string, string), string?> Dtypes(ReadOnlySpan<byte> utf8)
    {
        var result = new Dictionary<(string, string), string?>();
        if (JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = NodeworksReader.MaxDepth }) is JsonObject root)
        {
            foreach (var (node, entry) in root)
            {
                if ((entry as JsonObject)?["terminals"] is JsonObject terminals)
                {
                    foreach (var (name, t) in terminals)
                    {
                        result[(node, name)] = NodeworksReader.Text(((t as JsonObject)?["opts"] as JsonObject)?["dtype"]);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Byte spans of every <c>node.terminals.name.value</c> token.</summary>
    private static Dictionary<(string, string), (int Start, int End)> ValueSpans(ReadOnlySpan<byte> utf8)
    {
        var spans = new Dictionary<(string, string), (int, int)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = NodeworksReader.MaxDepth });
        var path = new List<string?>();
        string? pending = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString();
                    // path: [root, node, "terminals", terminal]
                    if (path.Count == 4 && pending == "value" && path[2] == "terminals")
                    {
                        var node = path[1]!;
                        var terminal = path[3]!;
                        reader.Read();
                        var start = (int)reader.TokenStartIndex;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            reader.Skip();
                        }

                        spans[(node, terminal)] = (start, (int)reader.BytesConsumed);
                        pending = null;
                    }

                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(pending);
                    pending = null;
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    continue;
                default:
                    pending = null;
                    continue;
            }
        }

        return spans;
    }
}
