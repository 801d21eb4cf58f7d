using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Absolute</c>: <c>result</c> = |input|.</summary>
[CycloneTask(Kind)]
[TaskInput("input", ValueTypes.Number)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class AbsoluteTask : ICycloneTask
{
    private const string Kind = "math.Absolute";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => System.Math.Abs(c.GetNumber("input")), cancellationToken);
}
