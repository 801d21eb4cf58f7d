using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>A stored task as listings show it.</summary>
public sealed record TaskRecord(
    long Id, long JobId, int Index, string Name, string User, TaskState State, int Attempt, int Failures, int Priority,
    IReadOnlyList<string> Agents, int? ExitCode, string? Reason,
    DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    /// <summary>The outputs the task reported when it completed (JSON object text), if any.</summary>
    public string? Outputs { get; init; }
}
