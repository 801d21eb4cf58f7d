using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin.Types;

/// <summary>
/// What every value node shares: it declares no inputs and is given exactly one stored value, named as its
/// output terminal; it outputs that value, converted, under the same name.
/// </summary>
internal static class ValueNode
{
    public static Task<JsonObject> Run(string kind, TaskContext context, Func<string, JsonNode?, JsonNode> convert, CancellationToken cancellationToken) =>
        SynchronousTask.Run(
            () =>
            {
                if (context.Inputs.Count != 1)
                {
                    throw new TaskInputException(
                        $"{kind} takes exactly one stored value, named as its output, not {context.Inputs.Count}: {context.Inputs.ToJsonString()}");
                }

                var (name, value) = context.Inputs.First();
                return new JsonObject { [name] = convert(name, value) };
            },
            cancellationToken);

    /// <summary>The stored value as a single JSON value (not null, a list or an object).</summary>
    public static JsonValue Scalar(string kind, string name, JsonNode? value) =>
        value as JsonValue ?? throw new TaskInputException($"{kind}: value '{name}' must be a single value, not {JsonScalars.Describe(value)}");

    public static TaskInputException Invalid(string kind, string name, string expected, JsonNode? value) =>
        new($"{kind}: value '{name}' is not {expected}: {JsonScalars.Describe(value)}");
}
