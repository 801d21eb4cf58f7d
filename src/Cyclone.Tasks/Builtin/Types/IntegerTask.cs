using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Types;

/// <summary>
/// Nodeworks <c>types.Integer</c>: outputs its stored value as an integer (a long) under the name it is given
/// (<c>{"int": 87}</c> → <c>{"int": 87}</c>). A number with a fraction is an input error; a string of digits is read.
/// </summary>
[CycloneTask(Kind)]
[TaskOutput("int", ValueTypes.Integer)]
public sealed class IntegerTask : ICycloneTask
{
    private const string Kind = "types.Integer";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        ValueNode.Run(Kind, context, Convert, cancellationToken);

    private static JsonNode Convert(string name, JsonNode? value)
    {
        var v = ValueNode.Scalar(Kind, name, value);
        if (JsonScalars.TryGetInteger(v, out var n)
            || (v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)))
        {
            return JsonValue.Create(n);
        }

        throw ValueNode.Invalid(Kind, name, "an integer", value);
    }
}
