namespace Cyclone.Protocol.Rest;

/// <summary>
/// <c>GET /api/v1/runs/{id}/estimate</c>: when a run (any job) is expected to start and finish, from past durations
/// of the same tasks. When <see cref="Complete"/> is false, <see cref="UnknownTasks"/> tasks had no past durations
/// and <see cref="EstimatedFinish"/> is a lower bound.
/// </summary>
public sealed record RunEstimateDto
{
    public long RunId { get; init; }

    public string State { get; init; } = "";

    /// <summary>When the estimate was made.</summary>
    public DateTimeOffset At { get; init; }

    public DateTimeOffset EstimatedStart { get; init; }

    public DateTimeOffset EstimatedFinish { get; init; }

    public bool Complete { get; init; }

    public int UnknownTasks { get; init; }

    public IReadOnlyList<TaskEstimateDto> Tasks { get; init; } = [];
}
