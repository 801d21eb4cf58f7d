namespace Cyclone.Storage.Contract;

/// <summary>A validated job about to be stored. <see cref="SpecJson"/> is the job as submitted, for display.</summary>
public sealed record NewJob(string Name, string User, string SpecJson, DateTimeOffset SubmittedAt, IReadOnlyList<NewTask> Tasks)
{
    /// <summary>The workflow this job is a run of, if any.</summary>
    public string? Workflow { get; init; }

    /// <summary>The commit of the workflow version the run executes.</summary>
    public string? WorkflowCommit { get; init; }
}
