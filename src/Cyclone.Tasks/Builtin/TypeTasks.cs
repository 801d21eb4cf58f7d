using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

/// <summary>
/// A value node (Nodeworks <c>types</c>): no inputs; it outputs its stored value, converted to its type,
/// under the name of its output terminal (the single parameter it is given).
/// </summary>
public abstract class ValueTask : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        if (context.Inputs.Count != 1)
        {
            throw new TaskInputException($"a value node takes exactly one stored value, not {context.Inputs.Count}");
        }

        var (name, value) = context.Inputs.First();
        return Task.FromResult(new JsonObject { [name] = Convert(name, value) });
    }

    protected abstract JsonNode Convert(string name, JsonNode? value);

    protected static JsonValue Scalar(string name, JsonNode? value) =>
        value as JsonValue ?? throw new TaskInputException($"value '{name}' must be a single value, not {value?.ToJsonString() ?? "null"}");
}

[CycloneTask("types.Integer"), TaskPort("int", "integer", IsOutput = true)]
public sealed class IntegerTask : ValueTask
{
    protected override JsonNode Convert(string name, JsonNode? value)
    {
        var v = Scalar(name, value);
        return v.GetValueKind() switch
        {
            JsonValueKind.Number when v.Deserialize<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 9e15 => JsonValue.Create((long)d),
            JsonValueKind.String when long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => JsonValue.Create(s),
            _ => throw new TaskInputException($"value '{name}' is not an integer: {v.ToJsonString()}"),
        };
    }
}

[CycloneTask("types.Float"), TaskPort("float", "number", IsOutput = true)]
public sealed class FloatTask : ValueTask
{
    protected override JsonNode Convert(string name, JsonNode? value)
    {
        var v = Scalar(name, value);
        return v.GetValueKind() switch
        {
            JsonValueKind.Number => JsonValue.Create(v.Deserialize<double>()),
            JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => throw new TaskInputException($"value '{name}' is not a number: {v.ToJsonString()}"),
        };
    }
}

[CycloneTask("types.String"), TaskPort("str", "string", IsOutput = true)]
public sealed class StringTask : ValueTask
{
    protected override JsonNode Convert(string name, JsonNode? value)
    {
        var v = Scalar(name, value);
        return JsonValue.Create(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
    }
}

[CycloneTask("types.Boolean"), TaskPort("bool", "boolean", IsOutput = true)]
public sealed class BooleanTask : ValueTask
{
    protected override JsonNode Convert(string name, JsonNode? value) => Scalar(name, value).GetValueKind() switch
    {
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => throw new TaskInputException($"value '{name}' is not true or false: {value!.ToJsonString()}"),
    };
}
