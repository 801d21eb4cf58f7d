using System.Text.Json.Nodes;

namespace Cyclone.Protocol.Rest;

/// <summary>One task leased to a pull worker: what to run, and the attempt to report on.</summary>
public sealed record LeasedTaskDto
{
    public long Id { get; init; }

    public long JobId { get; init; }

    /// <summary>The attempt leased; heartbeat, complete, fail and release name it.</summary>
    public int Attempt { get; init; }

    /// <summary>Position in its job, from 0 (an array element's index is also in <c>CYCLONE_ARRAY_TASK_ID</c>).</summary>
    public int Index { get; init; }

    public string Name { get; init; } = "";

    /// <summary>Program and arguments (a command template's placeholders filled in); empty for a typed task.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>A typed task's kind (<c>noop</c>, <c>math.Add</c>, ...); null for a command.</summary>
    public string? Kind { get; init; }

    /// <summary>The task's inputs (fixed parameters and upstream outputs), if any.</summary>
    public JsonObject? Inputs { get; init; }

    /// <summary>The environment the task was submitted with, and the variables Cyclone adds (<c>CYCLONE_ARRAY_TASK_ID</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>The task's time limit; null when it has none.</summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>How long the lease lasts without a call from the worker.</summary>
    public int LeaseSeconds { get; init; }
}
