using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>
/// A typed task whose public settable properties are its parameters: before <see cref="ExecuteAsync"/> each input is
/// set on the property of the same name in snake_case (<c>OstIndex</c> takes <c>ost_index</c>), converted with
/// System.Text.Json; an input no property takes, or a value that does not convert, fails the attempt naming it. The
/// catalog lists the properties as the kind's inputs (typed from the property types) next to any
/// <see cref="TaskInputAttribute"/>. Parameters come from the submission (<c>--param</c>, a <c>--param-file</c>).
/// </summary>
public abstract class CycloneTask : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        TaskParameterBinder.Bind(this, context.Inputs);
        return ExecuteAsync(context, cancellationToken);
    }

    /// <summary>Runs the task with its parameters set; returns its outputs.</summary>
    protected abstract Task<JsonObject> ExecuteAsync(TaskContext context, CancellationToken cancellationToken);
}
