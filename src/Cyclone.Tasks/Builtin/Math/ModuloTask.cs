using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>
/// Nodeworks <c>math.Modulo</c>: <c>result</c> = Σdividend mod Σdivisor as Python's <c>%</c> computes it,
/// with the sign of the divisor (<c>-5 % 3 == 1</c>, <c>5 % -3 == -1</c>); a divisor summing to 0 is an input error.
/// </summary>
[CycloneTask(Kind)]
[TaskInput("dividend", ValueTypes.Number, Multi = true)]
[TaskInput("divisor", ValueTypes.Number, Multi = true)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class ModuloTask : ICycloneTask
{
    private const string Kind = "math.Modulo";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, Modulo, cancellationToken);

    private static double Modulo(TaskContext context)
    {
        var dividend = MathResult.Sum(context, "dividend");
        var divisor = MathResult.Sum(context, "divisor");
        if (divisor == 0)
        {
            throw new TaskInputException($"{Kind}: modulo by zero (input 'divisor' is 0)");
        }

        var remainder = dividend % divisor; // the sign of the dividend, as C's fmod
        if (remainder == 0)
        {
            return System.Math.CopySign(0d, divisor);
        }

        return remainder < 0 != divisor < 0 ? remainder + divisor : remainder;
    }
}
