using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

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
