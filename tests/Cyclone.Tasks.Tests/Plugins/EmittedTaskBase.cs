using System.Reflection;
using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Tests.Plugins;

/// <summary>The base of the task classes the tests emit into assemblies of their own: it outputs its kind.</summary>
public abstract class EmittedTaskBase : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new JsonObject { ["kind"] = GetType().GetCustomAttribute<CycloneTaskAttribute>()?.Kind });
}
