using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

[CycloneTask("types.String"), TaskPort("str", "string", IsOutput = true)]
public sealed class StringTask : ValueTask
{
    protected override JsonNode Convert(string name, JsonNode? value)
    {
        var v = Scalar(name, value);
        return JsonValue.Create(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
    }
}
