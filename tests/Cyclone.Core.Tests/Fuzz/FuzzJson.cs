using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>
/// Mutations of a JSON file, all drawn from a seeded <see cref="Random"/>: byte flips, truncation, inserted and
/// deleted bytes; and, while the file still parses, deleted, duplicated and renamed keys and values of another type.
/// </summary>
internal static class FuzzJson
{
    private const string DuplicateMarker = "zz-duplicate-of-a-key-zz";

    private static readonly byte[] Specials = "{}[]\":,\\ \0\u00FF"u8.ToArray();

    public static byte[] Mutate(byte[] utf8, int seed, int count)
    {
        var rng = new Random(seed);
        var bytes = utf8;
        for (var i = 0; i < count; i++)
        {
            bytes = (rng.Next(4) == 0 ? null : MutateTree(bytes, rng)) ?? MutateBytes(bytes, rng);
        }

        return bytes;
    }

    private static byte[] MutateBytes(byte[] bytes, Random rng)
    {
        var at = rng.Next(bytes.Length + 1);
        var length = rng.Next(1, 16);
        switch (rng.Next(5))
        {
            case 0 when bytes.Length > 0:
                var flipped = (byte[])bytes.Clone();
                flipped[Math.Min(at, bytes.Length - 1)] ^= (byte)(1 << rng.Next(8));
                return flipped;
            case 1:
                return bytes[..at];
            case 2:
                var inserted = Enumerable.Range(0, length).Select(_ => rng.Next(2) == 0 ? Specials[rng.Next(Specials.Length)] : (byte)rng.Next(256));
                return [.. bytes[..at], .. inserted, .. bytes[at..]];
            case 3:
                var from = rng.Next(bytes.Length + 1);
                var slice = bytes[from..Math.Min(bytes.Length, from + (length * 16))];
                return [.. bytes[..at], .. slice, .. bytes[at..]];
            default:
                return [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + length)..]];
        }
    }

    /// <summary>A change to the parsed tree; null when the bytes are no JSON (any more), or hold text the tree cannot read.</summary>
    private static byte[]? MutateTree(byte[] bytes, Random rng)
    {
        try
        {
            return MutateTreeOrThrow(bytes, rng);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[]? MutateTreeOrThrow(byte[] bytes, Random rng)
    {
        var root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 1024 });
        var containers = root is null ? [] : Containers(root);

        if (containers.Count == 0)
        {
            return null;
        }

        var duplicate = (string?)null;
        switch (containers[rng.Next(containers.Count)])
        {
            case JsonObject o when o.Count > 0:
                var key = o.ElementAt(rng.Next(o.Count)).Key;
                switch (rng.Next(5))
                {
                    case 0:
                        o.Remove(key);
                        break;
                    case 1:
                        duplicate = key;
                        o[DuplicateMarker] = o[key]?.DeepClone();
                        break;
                    case 2:
                        var value = o[key];
                        o.Remove(key);
                        o[OddKey(rng)] = value?.DeepClone();
                        break;
                    default:
                        o[key] = Other(rng);
                        break;
                }

                break;
            case JsonObject o:
                o[OddKey(rng)] = Other(rng);
                break;
            case JsonArray a when a.Count > 0 && rng.Next(3) > 0:
                var index = rng.Next(a.Count);
                if (rng.Next(2) == 0)
                {
                    a.RemoveAt(index);
                }
                else
                {
                    a[index] = Other(rng);
                }

                break;
            case JsonArray a:
                a.Add(Other(rng));
                break;
        }

        var text = root!.ToJsonString();
        if (duplicate is not null)
        {
            text = text.Replace($"\"{DuplicateMarker}\"", JsonSerializer.Serialize(duplicate), StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static List<JsonNode> Containers(JsonNode root)
    {
        var found = new List<JsonNode>();
        var stack = new Stack<JsonNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is JsonObject o)
            {
                found.Add(o);
                foreach (var (_, child) in o)
                {
                    PushIfContainer(stack, child);
                }
            }
            else if (node is JsonArray a)
            {
                found.Add(a);
                foreach (var child in a)
                {
                    PushIfContainer(stack, child);
                }
            }
        }

        return found;
    }

    private static void PushIfContainer(Stack<JsonNode> stack, JsonNode? child)
    {
        if (child is JsonObject or JsonArray)
        {
            stack.Push(child);
        }
    }

    private static string OddKey(Random rng) => rng.Next(6) switch
    {
        0 => "",
        1 => new string('k', rng.Next(1, 3) == 1 ? 300 : 100_000),
        2 => "type",
        3 => "\u00E9\uD83D\uDE00 \0",
        4 => "in",
        _ => "x" + rng.Next(100),
    };

    /// <summary>A value of any type, sometimes huge or deep.</summary>
    public static JsonNode? Other(Random rng) => rng.Next(16) switch
    {
        0 => null,
        1 => JsonValue.Create(rng.Next(2) == 0),
        2 => JsonValue.Create(0),
        3 => JsonValue.Create(-1),
        4 => JsonValue.Create(int.MaxValue),
        5 => JsonValue.Create(long.MinValue),
        6 => JsonValue.Create(1.5),
        7 => JsonValue.Create(""),
        8 => JsonValue.Create(new string('v', rng.Next(2) == 0 ? 300 : 1 << 20)),
        9 => new JsonArray(),
        10 => new JsonObject(),
        11 => Deep(rng.Next(1, 60)),
        12 => new JsonArray(Enumerable.Range(0, rng.Next(1, 5000)).Select(i => (JsonNode?)JsonValue.Create($"s{i}")).ToArray()),
        13 => JsonValue.Create("<class 'float'>"),
        14 => new JsonArray(JsonValue.Create("math"), JsonValue.Create("Power")),
        _ => JsonValue.Create("\0\u202E\uD800"),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["x"] = node };
        }

        return node;
    }
}
