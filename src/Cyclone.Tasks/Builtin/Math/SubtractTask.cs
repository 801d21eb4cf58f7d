using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Subtract</c>: <c>result</c> = Σminuend − Σsubtrahend.</summary>
[CycloneTask(Kind)]
[TaskInput("minuend", ValueTypes.Number, Multi = true)]
[TaskInput("subtrahend", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class SubtractTask : ICycloneTask
{
    private const string Kind = "math.Subtract";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => MathResult.Sum(c, "minuend") - MathResult.Sum(c, "subtrahend"), cancellationToken);
}
