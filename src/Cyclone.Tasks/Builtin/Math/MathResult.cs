using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin.Math;

/// <summary>What every math node shares: summed multi inputs and one finite number out as <c>result</c>.</summary>
internal static class MathResult
{
    public const string Output = "result";

    /// <summary>Runs <paramref name="compute"/> and returns its value as <c>result</c>; a value that is not finite is an input error.</summary>
    public static Task<JsonObject> Run(string kind, TaskContext context, Func<TaskContext, double> compute, CancellationToken cancellationToken) =>
        SynchronousTask.Run(
            () =>
            {
                var result = compute(context);
                return double.IsFinite(result)
                    ? new JsonObject { [Output] = result }
                    : throw new TaskInputException($"{kind} has no finite result for the inputs {context.Inputs.ToJsonString()}");
            },
            cancellationToken);

    /// <summary>The sum of an input's numbers (a single number or a list).</summary>
    public static double Sum(TaskContext context, string input) => context.GetNumbers(input).Sum();
}
