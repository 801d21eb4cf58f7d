using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Power</c>: <c>result</c> = Σbase ^ Σexponent.</summary>
[CycloneTask(Kind)]
[TaskInput("base", ValueTypes.Number, Multi = true)]
[TaskInput("exponent", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class PowerTask : ICycloneTask
{
    private const string Kind = "math.Power";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => System.Math.Pow(MathResult.Sum(c, "base"), MathResult.Sum(c, "exponent")), cancellationToken);
}
