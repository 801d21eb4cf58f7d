using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Tasks;

namespace Cyclone.Hub.Sinks;

/// <summary>One metric sample as a task emitted it, checked; <see cref="Instance"/> is its own <c>instance</c> label, taken out.</summary>
public sealed record PushgatewayMetric(string Name, double Value, IReadOnlyList<KeyValuePair<string, string>> Labels, string? Help, string? Instance)
{
    /// <summary>The metric in <paramref name="item"/>, or null when it is none.</summary>
    public static PushgatewayMetric? From(JsonObject? item)
    {
        if (item?["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String
            || nameValue.GetValue<string>() is not { } name || !SinkNames.IsMetricName(name) || !TryValue(item["value"], out var value))
        {
            return null;
        }

        var labels = new List<KeyValuePair<string, string>>();
        string? instance = null;
        if (item["labels"] is JsonObject given)
        {
            foreach (var (label, node) in given)
            {
                if (!SinkNames.IsLabelName(label) || node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    return null;
                }

                if (label == "instance")
                {
                    instance = v.GetValue<string>();
                }
                else if (label != "job")
                {
                    labels.Add(new(label, v.GetValue<string>()));
                }
            }
        }
        else if (item["labels"] is not null)
        {
            return null;
        }

        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var help = item["help"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : null;
        return new PushgatewayMetric(name, value, labels, help, instance);
    }

    /// <summary>The series in the text format: <c>name{a="x",b="y"}</c>.</summary>
    public string Series =>
        Labels.Count == 0 ? Name : $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""))}}}";

    /// <summary>The value in the text format (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> included).</summary>
    public string ValueText =>
        double.IsNaN(Value) ? "NaN" : double.IsPositiveInfinity(Value) ? "+Inf" : double.IsNegativeInfinity(Value) ? "-Inf"
        : Value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static bool TryValue(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.GetValueKind() == JsonValueKind.Number)
        {
            return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        if (v.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        double? special = v.GetValue<string>() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "+Inf" => double.PositiveInfinity,
            "-Infinity" or "-Inf" => double.NegativeInfinity,
            _ => null,
        };
        value = special ?? 0;
        return special is not null;
    }
}
