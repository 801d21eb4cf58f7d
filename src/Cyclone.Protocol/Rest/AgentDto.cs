namespace Cyclone.Protocol.Rest;

/// <summary>An agent as the hub knows it.</summary>
public sealed record AgentDto
{
    public string Name { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>UP, DRAINING or DOWN.</summary>
    public string State { get; init; } = "";

    public int SlotsTotal { get; init; }

    public int SlotsUsed { get; init; }

    public int Cores { get; init; }

    public long MemoryBytes { get; init; }

    public int Gpus { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public int RunningParts { get; init; }

    public DateTimeOffset? LastHeartbeat { get; init; }

    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>True for a pilot agent: one running inside a Slurm allocation, which it leaves before the allocation ends.</summary>
    public bool Pilot { get; init; }

    /// <summary>When a pilot agent leaves (its allocation end less its margin); null for other agents.</summary>
    public DateTimeOffset? AllocationEndsAt { get; init; }
}
