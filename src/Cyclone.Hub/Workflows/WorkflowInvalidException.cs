using Cyclone.Core.Workflows;

namespace Cyclone.Hub.Workflows;

/// <summary>A workflow that cannot be stored or run, with every problem found.</summary>
public sealed class WorkflowInvalidException : Exception
{
    public WorkflowInvalidException(string title, IReadOnlyList<WorkflowProblem> problems)
        : base($"{title}: {string.Join("; ", problems.Select(p => p.ToString()))}")
    {
        Title = title;
        Problems = problems;
    }

    public WorkflowInvalidException()
        : this("the workflow is not valid", [])
    {
    }

    public WorkflowInvalidException(string message)
        : this(message, [])
    {
    }

    public WorkflowInvalidException(string message, Exception inner)
        : base(message, inner)
    {
        Title = message;
        Problems = [];
    }

    public string Title { get; } = "";

    public IReadOnlyList<WorkflowProblem> Problems { get; } = [];
}
