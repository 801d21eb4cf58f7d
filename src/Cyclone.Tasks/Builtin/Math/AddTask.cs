using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Add</c>: <c>result</c> is the sum of every number given to <c>input</c>.</summary>
[CycloneTask(Kind)]
[TaskInput("input", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class AddTask : ICycloneTask
{
    private const string Kind = "math.Add";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, c => MathResult.Sum(c, "input"), cancellationToken);
}
