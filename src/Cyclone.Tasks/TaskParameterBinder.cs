using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks;

/// <summary>Sets a <see cref="CycloneTask"/>'s parameter properties from its inputs, and names them as ports.</summary>
public static class TaskParameterBinder
{
    private static readonly JsonSerializerOptions ParameterJson = new(JsonSerializerDefaults.Web);

    /// <summary>The public settable properties of <paramref name="type"/> that take parameters, by input name.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Parameters(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);

    /// <summary>The value type of a parameter property, as a port type.</summary>
    public static string PortType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? ValueTypes.String
            : type == typeof(bool) ? ValueTypes.Boolean
            : type == typeof(int) || type == typeof(long) || type == typeof(short) ? ValueTypes.Integer
            : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? ValueTypes.Number
            : ValueTypes.Any;
    }

    /// <exception cref="TaskInputException">An input matches no parameter, or its value does not convert; the message names it.</exception>
    public static void Bind(object task, JsonObject inputs)
    {
        var parameters = Parameters(task.GetType());
        foreach (var (name, value) in inputs)
        {
            if (!parameters.TryGetValue(name, out var property))
            {
                throw new TaskInputException($"'{name}' is not a parameter of this task; it takes: {string.Join(", ", parameters.Keys.Order(StringComparer.Ordinal))}");
            }

            try
            {
                property.SetValue(task, value?.Deserialize(property.PropertyType, ParameterJson));
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
            {
                throw new TaskInputException($"parameter '{name}' cannot be read as {property.PropertyType.Name}: {ex.Message}", ex);
            }
        }
    }

    /// <summary><c>OstIndex</c> → <c>ost_index</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
