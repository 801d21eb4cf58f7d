using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>
/// A typed .NET task: it gets its inputs and returns its outputs (small JSON values). A class implementing
/// it, marked with <see cref="CycloneTaskAttribute"/> and having a public parameterless constructor, runs
/// the node kind the attribute names; <see cref="TaskInputAttribute"/> and <see cref="TaskOutputAttribute"/>
/// declare its ports. A new instance runs each attempt.
/// </summary>
public interface ICycloneTask
{
    /// <summary>
    /// Runs the task on <see cref="TaskContext.Inputs"/> and returns its outputs, output name → value.
    /// A <see cref="TaskInputException"/> fails the attempt with its message; what the task writes to
    /// <see cref="TaskContext.Output"/> goes to its log.
    /// </summary>
    Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken);
}
