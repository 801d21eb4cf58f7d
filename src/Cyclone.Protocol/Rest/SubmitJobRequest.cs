using System.Text.Json.Nodes;

namespace Cyclone.Protocol.Rest;

/// <summary>
/// A job to submit: one command (or one typed task, <see cref="Task"/>) run on <see cref="Nodes"/> distinct agents with
/// <see cref="ProcsPerNode"/> processes each. Every field is validated before anything is stored.
/// </summary>
public sealed class SubmitJobRequest
{
    /// <summary>Program and arguments. Required unless <see cref="Task"/> is given; not both.</summary>
    public IReadOnlyList<string>? Command { get; set; }

    /// <summary>
    /// A typed task to run inside the agent instead of a command: its kind (<c>noop</c>, <c>sleep</c>,
    /// <c>math.Add</c>, or a plugin's kind). One node and one process.
    /// </summary>
    public string? Task { get; set; }

    /// <summary>The typed task's input values, input name → value (a JSON object).</summary>
    public JsonObject? Parameters { get; set; }

    /// <summary>A name to show; defaults to the program's file name.</summary>
    public string? Name { get; set; }

    /// <summary>Distinct agents to run on, all at once (<c>-n</c>). Default 1.</summary>
    public int Nodes { get; set; } = 1;

    /// <summary>Processes per node (<c>-p</c>). Default 1.</summary>
    public int ProcsPerNode { get; set; } = 1;

    /// <summary>Slots each process holds (<c>--cpus</c>). Default 1.</summary>
    public int CpusPerProc { get; set; } = 1;

    /// <summary>Memory per node in Slurm's notation (<c>512M</c>, <c>4G</c>; bare numbers are megabytes).</summary>
    public string? Memory { get; set; }

    /// <summary>GPUs per node.</summary>
    public int Gpus { get; set; }

    /// <summary>Time limit in Slurm's formats (minutes, h:m:s, d-h:m:s); none when absent.</summary>
    public string? TimeLimit { get; set; }

    /// <summary>Retries after a failed attempt (<c>--retries</c>). Default 0.</summary>
    public int Retries { get; set; }

    /// <summary>Labels every chosen agent must carry.</summary>
    public IReadOnlyList<string>? Labels { get; set; }

    /// <summary>Higher runs first. Default 0.</summary>
    public int Priority { get; set; }

    /// <summary>Where the processes start; the agent's working directory when absent.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The processes' environment; the agent's own when absent.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>File pattern for each process's stdout (<c>%j</c>, <c>%n</c>, <c>%t</c>), written besides the hub's copy.</summary>
    public string? OutputPattern { get; set; }

    /// <summary>File pattern for each process's stderr; stdout's file when absent and an output pattern is given.</summary>
    public string? ErrorPattern { get; set; }

    /// <summary>Slurm's <c>--array</c>: element indices and an optional running limit, e.g. <c>0-99%10</c>. Each element is a task with <c>CYCLONE_ARRAY_TASK_ID</c>.</summary>
    public string? Array { get; set; }

    /// <summary>Slurm's <c>--dependency</c>: e.g. <c>afterok:12:13,afterany:14</c>; the job stays BLOCKED until the jobs named end as required.</summary>
    public string? Dependency { get; set; }

    /// <summary>Accept the job even if the agents connected now could never run it (more may join).</summary>
    public bool Defer { get; set; }
}
