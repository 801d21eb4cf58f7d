namespace Cyclone.Storage.Contract;

/// <summary>What an agent needs to run a task; kept in the store, not in the hub's heap.</summary>
public sealed record TaskPayload
{
    public IReadOnlyList<string> Command { get; init; } = [];

    public int ProcsPerNode { get; init; } = 1;

    public int CpusPerProc { get; init; } = 1;

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? OutputPattern { get; init; }

    public string? ErrorPattern { get; init; }

    public string User { get; init; } = "";

    /// <summary>The task's position in its job (what <c>CYCLONE_TASK_INDEX</c> says).</summary>
    public int TaskIndex { get; init; }
}
