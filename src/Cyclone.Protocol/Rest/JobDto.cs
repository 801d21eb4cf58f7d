namespace Cyclone.Protocol.Rest;

/// <summary>A job as the API shows it. <see cref="State"/> is derived from its tasks' states.</summary>
public sealed record JobDto
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string User { get; init; } = "";

    /// <summary>PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, BLOCKED or UPSTREAM_FAILED.</summary>
    public string State { get; init; } = "";

    public IReadOnlyList<string> Command { get; init; } = [];

    public int Nodes { get; init; }

    public int ProcsPerNode { get; init; }

    public int Priority { get; init; }

    public string? TimeLimit { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The job's exit status once it has ended: the first non-zero task status, else 0.</summary>
    public int? ExitCode { get; init; }

    public int TaskCount { get; init; }

    /// <summary>The workflow this job is a run of, and the commit of the version it ran.</summary>
    public string? Workflow { get; init; }

    public string? WorkflowCommit { get; init; }

    /// <summary>The tasks, when the job is read on its own.</summary>
    public IReadOnlyList<TaskDto>? Tasks { get; init; }
}
