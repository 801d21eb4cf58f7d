namespace Cyclone.Protocol.Rest;

/// <summary>One task of a job: its state, current attempt and where it runs.</summary>
public sealed record TaskDto
{
    public long Id { get; init; }

    public long JobId { get; init; }

    /// <summary>Position in its job, from 0.</summary>
    public int Index { get; init; }

    public string State { get; init; } = "";

    public int Attempt { get; init; }

    /// <summary>The agents of the current or last attempt, one per node.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    public int? ExitCode { get; init; }

    /// <summary>Why it is in its state, when there is more to say (a retry, a lost host, a time limit).</summary>
    public string? Reason { get; init; }

    public string User { get; init; } = "";

    public string Name { get; init; } = "";

    public int Priority { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The outputs the task reported when it completed (a JSON object), if any.</summary>
    public System.Text.Json.Nodes.JsonObject? Outputs { get; init; }
}
