using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Builtin.Basic;

/// <summary><c>sleep</c>: waits <c>seconds</c> (a number, at most a day) inside the agent, then succeeds; ends early when stopped.</summary>
[CycloneTask("sleep")]
[TaskInput("seconds", ValueTypes.Number)]
public sealed class SleepTask : ICycloneTask
{
    private const double MaxSeconds = 86_400;

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = context.GetNumber("seconds");
        if (!(seconds is >= 0 and <= MaxSeconds))
        {
            throw new TaskInputException($"input 'seconds' must be between 0 and {MaxSeconds}, not {seconds}");
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return [];
    }
}
