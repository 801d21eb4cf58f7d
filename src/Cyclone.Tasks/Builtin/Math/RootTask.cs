using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>
/// Nodeworks <c>math.Root</c>: <c>result</c> = radicand ^ (1 / degree). A negative radicand has the real
/// (negative) root of an odd integer degree; of any other degree it is an input error, as is degree 0.
/// </summary>
[CycloneTask(Kind)]
[TaskInput("radicand", ValueTypes.Number)]
[TaskInput("degree", ValueTypes.Number)]
[TaskOutput(MathResult.Output, ValueTypes.Number)]
public sealed class RootTask : ICycloneTask
{
    private const string Kind = "math.Root";

    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        MathResult.Run(Kind, context, Root, cancellationToken);

    private static double Root(TaskContext context)
    {
        var radicand = context.GetNumber("radicand");
        var degree = context.GetNumber("degree");
        if (degree == 0)
        {
            throw new TaskInputException($"{Kind}: input 'degree' is 0; a root of degree 0 does not exist");
        }

        if (radicand >= 0)
        {
            return Root(radicand, degree);
        }

        return degree == System.Math.Floor(degree) && System.Math.Abs(degree % 2) == 1
            ? -Root(-radicand, degree)
            : throw new TaskInputException(
                $"{Kind}: input 'radicand' is {JsonScalars.Describe(radicand)}; a negative number has no real root of degree {JsonScalars.Describe(degree)}");
    }

    /// <summary>The root of a number that is not negative; square and cube roots exactly.</summary>
    private static double Root(double radicand, double degree) => degree switch
    {
        2 => System.Math.Sqrt(radicand),
        3 => System.Math.Cbrt(radicand),
        _ => System.Math.Pow(radicand, 1 / degree),
    };
}
