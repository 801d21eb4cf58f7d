using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>A stored job with its derived state.</summary>
public sealed record JobRecord(
    long Id, string Name, string User, string SpecJson, TaskState State, int TaskCount,
    DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int? ExitCode);
