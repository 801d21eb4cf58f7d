using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

/// <summary>A math node: numbers in, <c>result</c> out. Multi inputs are summed (product for Multiply).</summary>
public abstract class MathTask : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var result = Compute(context);
        if (double.IsNaN(result) || double.IsInfinity(result))
        {
            throw new TaskInputException($"{GetType().Name.Replace("Task", "", StringComparison.Ordinal)} has no finite result for these inputs");
        }

        return Task.FromResult(new JsonObject { ["result"] = result });
    }

    protected abstract double Compute(TaskContext c);

    protected static double Sum(TaskContext c, string input) => c.GetNumbers(input).Sum();
}
