using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Tests.Plugins;

/// <summary>A task class as a plugin author writes one: it greets <c>name</c> and says so in its log.</summary>
[CycloneTask("test.Greet")]
[TaskInput("name", ValueTypes.String)]
[TaskInput("extra", Multi = true)]
[TaskOutput("greeting", ValueTypes.String)]
public sealed class GreetTask : ICycloneTask
{
    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var greeting = $"hello, {context.GetString("name")}";
        await context.Output.WriteLineAsync(greeting.AsMemory(), cancellationToken);
        return new JsonObject { ["greeting"] = greeting };
    }
}
