namespace Cyclone.Storage.Contract;

/// <summary>What an agent needs to run a task; kept in the store, not in the hub's heap.</summary>
public sealed record TaskPayload
{
    public IReadOnlyList<string> Command { get; init; } = [];

    public int ProcsPerNode { get; init; } = 1;

    public int CpusPerProc { get; init; } = 1;

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Variables added on top of the process environment, whichever it is (e.g. <c>CYCLONE_ARRAY_TASK_ID</c>).</summary>
    public IReadOnlyDictionary<string, string>? ExtraEnvironment { get; init; }

    /// <summary>
    /// For an element of a job array: how many elements the array has. The lease then carries
    /// <c>CYCLONE_ARRAY_TASK_ID</c> (<see cref="TaskIndex"/>) and <c>CYCLONE_ARRAY_TASK_COUNT</c>, so that all elements share one payload.
    /// </summary>
    public int? ArrayCount { get; init; }

    public string? OutputPattern { get; init; }

    public string? ErrorPattern { get; init; }

    public string User { get; init; } = "";

    /// <summary>A typed task's kind (e.g. <c>math.Power</c>) and class; null for a command.</summary>
    public string? Kind { get; init; }

    /// <summary>The .NET class that runs a typed task (<c>Namespace.Type, Assembly</c>).</summary>
    public string? TaskClass { get; init; }

    /// <summary>Fixed input values (a JSON object), merged with the bound inputs when the task is leased.</summary>
    public string? Parameters { get; init; }

    /// <summary>Inputs taken from the outputs of upstream tasks of the same job.</summary>
    public IReadOnlyList<InputBinding>? InputBindings { get; init; }

    /// <summary>The task's position in its job (what <c>CYCLONE_TASK_INDEX</c> says).</summary>
    public int TaskIndex { get; init; }

    /// <summary>The task's name, as the store reads it beside the payload (never stored in it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name { get; init; } = "";
}
