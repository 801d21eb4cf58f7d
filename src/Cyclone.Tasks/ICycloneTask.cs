using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>A typed .NET task: it gets its inputs and returns its outputs (small JSON values).</summary>
public interface ICycloneTask
{
    Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken);
}
