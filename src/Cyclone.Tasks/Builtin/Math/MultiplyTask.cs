using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Multiply</c>: <c>result</c> is the product of every number given to <c>input</c> (1 for none).</summary>
[CycloneTask(Kind)]
[TaskInput("input", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class MultiplyTask : ICycloneTask
{
    private const string Kind = "math.Multiply";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => c.GetNumbers("input").Aggregate(1d, (product, x) => product * x), cancellationToken);
}
