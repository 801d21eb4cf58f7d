using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Types;

/// <summary>
/// Nodeworks <c>types.Boolean</c>: outputs its stored value as a boolean under the name it is given. The
/// strings <c>true</c> and <c>false</c> (any case, as Python writes <c>True</c>) are read; anything else is an input error.
/// </summary>
[CycloneTask(Kind)]
[TaskOutput("bool", ValueTypes.Boolean)]
public sealed class BooleanTask : ICycloneTask
{
    private const string Kind = "types.Boolean";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        ValueNode.Run(Kind, context, Convert, cancellationToken);

    private static JsonNode Convert(string name, JsonNode? value)
    {
        var v = ValueNode.Scalar(Kind, name, value);
        return v.GetValueKind() switch
        {
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            JsonValueKind.String when bool.TryParse(v.GetValue<string>().Trim(), out var b) => JsonValue.Create(b),
            _ => throw ValueNode.Invalid(Kind, name, "true or false", value),
        };
    }
}
