using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>Reads numbers and integers from JSON values, however they were made (parsed or built from .NET values).</summary>
internal static class JsonScalars
{
    /// <summary>The largest magnitude below which every integer is exact as a double (2^53).</summary>
    private const double ExactIntegers = 9007199254740992d;

    /// <summary>A number that is a finite double (<c>1e400</c> is not).</summary>
    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        return (v.TryGetValue(out value) || v.Deserialize<JsonElement>().TryGetDouble(out value)) && double.IsFinite(value);
    }

    /// <summary>Whether <paramref name="node"/> is a JSON number (readable as a double or not, as <c>1e400</c> is not).</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>An integer: a number without a fraction (<c>87</c> or <c>87.0</c>) that fits a long.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        var element = v.Deserialize<JsonElement>();
        if (element.TryGetInt64(out value))
        {
            return true;
        }

        if (!element.TryGetDouble(out var d) || d != Math.Floor(d) || Math.Abs(d) > ExactIntegers)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    /// <summary>A value as it reads in a message: its JSON text, or <c>null</c>.</summary>
    public static string Describe(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>A number as it reads in a message (<c>3125</c>, <c>0.5</c>).</summary>
    public static string Describe(double number) => number.ToString("R", CultureInfo.InvariantCulture);
}
