using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

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
