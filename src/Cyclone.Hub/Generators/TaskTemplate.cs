using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Hub.Generators;

/// <summary>
/// A job template (a <c>POST /api/v1/jobs</c> body) with placeholders in its strings: <c>{NAME}</c> is replaced by the
/// value of NAME; a string that is exactly one placeholder takes the value as it is (a number stays a number).
/// </summary>
public sealed class TaskTemplate(JsonObject template)
{
    /// <summary>Reads member <paramref name="member"/> of a configuration: an object, required.</summary>
    /// <exception cref="FormatException">It is missing or not an object.</exception>
    public static TaskTemplate From(JsonObject config, string member = "template") =>
        config[member] is JsonObject template
            ? new TaskTemplate(template)
            : throw new FormatException($"'{member}' must be an object: a job as POST /api/v1/jobs takes it, e.g. {{\"command\": [\"echo\", \"{{i}}\"]}}");

    /// <summary>The template with each placeholder replaced.</summary>
    public JsonObject Fill(IReadOnlyDictionary<string, JsonNode?> values) => (JsonObject)Fill(template, values)!;

    private static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> values) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Fill(p.Value, values)))),
        JsonArray a => new JsonArray([.. a.Select(i => Fill(i, values))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Replace(v.GetValue<string>(), values),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Replace(string text, IReadOnlyDictionary<string, JsonNode?> values)
    {
        foreach (var (name, value) in values)
        {
            var placeholder = "{" + name + "}";
            if (text == placeholder)
            {
                return value?.DeepClone();
            }

            if (text.Contains(placeholder, StringComparison.Ordinal))
            {
                var plain = value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : value?.ToJsonString() ?? "";
                text = text.Replace(placeholder, plain, StringComparison.Ordinal);
            }
        }

        return JsonValue.Create(text);
    }
}
