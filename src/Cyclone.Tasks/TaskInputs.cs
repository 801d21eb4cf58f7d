using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>
/// Optional inputs with defaults and bounds for the built-in tasks: each helper returns the default when the
/// input is missing or null, and throws a <see cref="TaskInputException"/> naming the input otherwise.
/// </summary>
internal static class TaskInputs
{
    public static bool Has(TaskContext context, string input) => context.Inputs[input] is not null;

    public static string? OptionalString(TaskContext context, string input) =>
        Has(context, input) ? context.GetString(input) : null;

    public static long Integer(TaskContext context, string input, long fallback, long min, long max)
    {
        var value = Has(context, input) ? context.GetInteger(input) : fallback;
        return value >= min && value <= max
            ? value
            : throw new TaskInputException($"input '{input}' must be between {min} and {max}, not {value}");
    }

    public static double Number(TaskContext context, string input, double fallback, double min, double max)
    {
        var value = Has(context, input) ? context.GetNumber(input) : fallback;
        return value >= min && value <= max
            ? value
            : throw new TaskInputException(
                $"input '{input}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {JsonScalars.Describe(value)}");
    }

    public static bool Boolean(TaskContext context, string input, bool fallback)
    {
        if (context.Inputs[input] is not { } value)
        {
            return fallback;
        }

        return value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : throw new TaskInputException($"input '{input}' must be true or false, not {JsonScalars.Describe(value)}");
    }

    /// <summary>One non-empty string or a non-empty list of them.</summary>
    public static IReadOnlyList<string> Strings(TaskContext context, string input)
    {
        var node = context.Inputs[input] ?? throw new TaskInputException($"input '{input}' is missing");
        var items = node is JsonArray list ? list.ToList() : [node];
        if (items.Count == 0)
        {
            throw new TaskInputException($"input '{input}' is an empty list; give at least one value");
        }

        return items.Select((item, i) => item is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0
                ? v.GetValue<string>()
                : throw new TaskInputException($"input '{input}' must be a string or a list of strings; item {i} is {JsonScalars.Describe(item)}"))
            .ToList();
    }

    /// <summary>An object of string values (name → value), or an empty map when missing.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(TaskContext context, string input)
    {
        if (context.Inputs[input] is not { } node)
        {
            return new Dictionary<string, string>();
        }

        if (node is not JsonObject map)
        {
            throw new TaskInputException($"input '{input}' must be an object of names to strings, not {JsonScalars.Describe(node)}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            result[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new TaskInputException($"input '{input}': '{name}' must be a string, not {JsonScalars.Describe(value)}");
        }

        return result;
    }
}
