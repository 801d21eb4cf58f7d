using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

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
