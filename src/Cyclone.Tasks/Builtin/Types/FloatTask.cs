using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Types;

/// <summary>
/// Nodeworks <c>types.Float</c>: outputs its stored value as a number (a double) under the name it is given.
/// A string holding a finite number is read; anything else is an input error.
/// </summary>
[CycloneTask(Kind)]
[TaskOutput("float", ValueTypes.Number)]
public sealed class FloatTask : ICycloneTask
{
    private const string Kind = "types.Float";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        ValueNode.Run(Kind, context, Convert, cancellationToken);

    private static JsonNode Convert(string name, JsonNode? value)
    {
        var v = ValueNode.Scalar(Kind, name, value);
        if (JsonScalars.TryGetNumber(v, out var d)
            || (v.GetValueKind() == JsonValueKind.String && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)))
        {
            if (double.IsFinite(d))
            {
                return JsonValue.Create(d);
            }
        }

        throw ValueNode.Invalid(Kind, name, "a finite number", value);
    }
}
