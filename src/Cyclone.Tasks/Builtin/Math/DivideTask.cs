using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>Nodeworks <c>math.Divide</c>: <c>result</c> = Σdividend / Σdivisor; a divisor summing to 0 is an input error.</summary>
[CycloneTask(Kind)]
[TaskInput("dividend", ValueTypes.Number, Multi = true)]
[TaskInput("divisor", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class DivideTask : ICycloneTask
{
    private const string Kind = "math.Divide";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, Divide, cancellationToken);

    private static double Divide(TaskContext context)
    {
        var dividend = MathResult.Sum(context, "dividend");
        var divisor = MathResult.Sum(context, "divisor");
        return divisor == 0
            ? throw new TaskInputException($"{Kind}: division by zero (input 'divisor' is 0)")
            : dividend / divisor;
    }
}
