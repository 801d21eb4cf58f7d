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
