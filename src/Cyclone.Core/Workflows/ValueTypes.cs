using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Workflows;

/// <summary>The value types a port may declare, and whether a value or another port's type fits.</summary>
public static class ValueTypes
{
    public const string Number = "number";
    public const string Integer = "integer";
    public const string String = "string";
    public const string Boolean = "boolean";
    public const string Object = "object";
    public const string Array = "array";
    public const string Any = "any";

    public static IReadOnlyList<string> All { get; } = [Number, Integer, String, Boolean, Object, Array, Any];

    public static bool IsKnown(string? type) => type is null || All.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether an output of type <paramref name="from"/> may feed an input of type <paramref name="to"/> (null: undeclared, fits anything).</summary>
    public static bool Fits(string? from, string? to) =>
        from is null || to is null || from == Any || to == Any || from == to || (from == Integer && to == Number);

    /// <summary>Whether <paramref name="value"/> is of <paramref name="type"/> (null type or value: fits).</summary>
    public static bool Accepts(string? type, JsonNode? value)
    {
        if (type is null || type == Any || value is null)
        {
            return true;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            Number => kind == JsonValueKind.Number,
            Integer => kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
            String => kind == JsonValueKind.String,
            Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            Object => kind == JsonValueKind.Object,
            Array => kind == JsonValueKind.Array,
            _ => false,
        };
    }
}
