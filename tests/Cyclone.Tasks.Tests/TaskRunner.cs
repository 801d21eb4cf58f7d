using System.Text.Json.Nodes;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Tasks.Tests;

/// <summary>Runs a built-in task the way the agent does: created by kind from the catalog, given a context.</summary>
internal static class TaskRunner
{
    public static TaskContext Context(JsonObject inputs, TextWriter? output = null, string kind = "test") =>
        new(inputs, jobId: 7, taskId: 11, attempt: 1, kind, output ?? TextWriter.Null);

    public static Task<JsonObject> RunAsync(string kind, JsonObject inputs, CancellationToken cancellationToken = default)
    {
        var task = TaskCatalog.Builtin.Create(kind) ?? throw new InvalidOperationException($"{kind} is not built in");
        return task.RunAsync(Context(inputs, kind: kind), cancellationToken);
    }

    /// <summary>Runs <paramref name="kind"/> on inputs written as JSON text (values as a parser makes them).</summary>
    public static Task<JsonObject> RunAsync(string kind, string inputsJson) => RunAsync(kind, JsonNode.Parse(inputsJson)!.AsObject());

    /// <summary>The <c>result</c> of a math task, checking it is its only output.</summary>
    public static async Task<double> ResultAsync(string kind, JsonObject inputs)
    {
        var outputs = await RunAsync(kind, inputs);
        Assert.Equal("result", Assert.Single(outputs).Key);
        return outputs["result"]!.GetValue<double>();
    }

    public static Task<double> ResultAsync(string kind, string inputsJson) => ResultAsync(kind, JsonNode.Parse(inputsJson)!.AsObject());
}
