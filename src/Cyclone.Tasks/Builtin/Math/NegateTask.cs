using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Negate</c>: <c>result</c> = −input.</summary>
[CycloneTask(Kind)]
[TaskInput("input", ValueTypes.Number)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class NegateTask : ICycloneTask
{
    private const string Kind = "math.Negate";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => -c.GetNumber("input"), cancellationToken);
}
