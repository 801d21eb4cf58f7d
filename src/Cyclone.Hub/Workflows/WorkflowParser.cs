using Cyclone.Core.Workflows;
using Cyclone.Core.Workflows.Native;
using Cyclone.Core.Workflows.Nodeworks;
using Cyclone.Core.Workflows.Validation;

namespace Cyclone.Hub.Workflows;

/// <summary>Reads a workflow file in its format and validates it: a valid definition, or every problem found.</summary>
public sealed class WorkflowParser(INodeKindCatalog catalog, WorkflowLimits limits)
{
    public WorkflowDefinition Parse(string name, string format, ReadOnlySpan<byte> content)
    {
        IReadOnlyList<WorkflowProblem> problems;
        WorkflowDefinition? definition = format == WorkflowFormats.Nodeworks
            ? NodeworksReader.Read(content, name, out problems)
            : NativeWorkflowReader.Read(content, name, out problems);
        return Check(definition, problems);
    }

    /// <summary>Validates a definition read elsewhere (e.g. from a task file).</summary>
    public WorkflowDefinition Check(WorkflowDefinition? definition, IReadOnlyList<WorkflowProblem> readProblems)
    {
        if (readProblems.Count > 0 || definition is null)
        {
            throw new WorkflowInvalidException("The workflow file cannot be read", readProblems);
        }

        var problems = WorkflowValidator.Validate(definition, catalog, limits);
        if (problems.Count > 0)
        {
            throw new WorkflowInvalidException("The workflow is not valid", problems);
        }

        return definition;
    }
}
