using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Types;

/// <summary>
/// Nodeworks <c>types.String</c>: outputs its stored value as a string under the name it is given; a number
/// or boolean becomes its JSON text (<c>5</c> → <c>"5"</c>).
/// </summary>
[CycloneTask(Kind)]
[TaskOutput("str", ValueTypes.String)]
public sealed class StringTask : ICycloneTask
{
    private const string Kind = "types.String";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        ValueNode.Run(Kind, context, Convert, cancellationToken);

    private static JsonNode Convert(string name, JsonNode? value)
    {
        var v = ValueNode.Scalar(Kind, name, value);
        return JsonValue.Create(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
    }
}
