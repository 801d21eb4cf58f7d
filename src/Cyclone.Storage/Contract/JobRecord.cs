using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>A stored job with its derived state.</summary>
public sealed record JobRecord(
    long Id, string Name, string User, string SpecJson, TaskState State, int TaskCount,
    DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int? ExitCode)
{
    /// <summary>The workflow this job is a run of, if any.</summary>
    public string? Workflow { get; init; }

    /// <summary>The commit of the workflow version the run executed.</summary>
    public string? WorkflowCommit { get; init; }
}
