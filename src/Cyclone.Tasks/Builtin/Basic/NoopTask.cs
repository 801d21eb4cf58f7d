using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin.Basic;

/// <summary><c>noop</c>: does nothing and succeeds at once, inside the agent; the unit of scheduling overhead.</summary>
[CycloneTask("noop")]
public sealed class NoopTask : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<JsonObject>(cancellationToken) : Task.FromResult(new JsonObject());
}
