namespace Cyclone.Protocol.Rest;

/// <summary>One task's estimate: <see cref="Basis"/> is actual (it ended), history (from past runs) or unknown (none).</summary>
public sealed record TaskEstimateDto
{
    public int Index { get; init; }

    public string Name { get; init; } = "";

    public string State { get; init; } = "";

    public string Basis { get; init; } = "";

    /// <summary>How many past durations the typical duration comes from.</summary>
    public int Samples { get; init; }

    public double? TypicalSeconds { get; init; }

    public DateTimeOffset EstimatedStart { get; init; }

    public DateTimeOffset EstimatedFinish { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
