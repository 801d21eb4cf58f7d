using Cyclone.Core.Parsing;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>How an agent started with <c>--executor slurm</c> submits its tasks (configuration section <c>Agent:Slurm</c>).</summary>
public sealed class SlurmExecutorOptions
{
    /// <summary>Longest accepted <see cref="PollInterval"/>: five minutes.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(5);

    /// <summary>The partition for tasks that name none (a task's <c>slurm:partition=NAME</c> label wins). Default: Slurm's default partition.</summary>
    public string? Partition { get; set; }

    /// <summary>The account to charge when a task names none (<c>slurm:account=NAME</c>). Default: the user's default account.</summary>
    public string? Account { get; set; }

    /// <summary>The quality of service when a task names none (<c>slurm:qos=NAME</c>). Default: Slurm's default.</summary>
    public string? Qos { get; set; }

    /// <summary>More sbatch options for every job, separated by white space (for example <c>--constraint=ib --exclusive</c>). Default: none.</summary>
    public string ExtraArguments { get; set; } = string.Empty;

    /// <summary>How often the agent asks Slurm (<c>squeue</c>) how its jobs are doing, and reads their output files. Default: 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where each job's script, inputs and output files live; it must be on a file system the compute nodes share with
    /// the agent's host. Default: <c>slurm-jobs</c> in the agent's state directory.
    /// </summary>
    public string? JobDirectory { get; set; }

    /// <summary>
    /// The most nodes a task may have for the hub to place it whole on this agent, which runs it as one Slurm job of that
    /// many nodes (<c>--nodes=N</c>). Default: the number of nodes <c>sinfo</c> lists.
    /// </summary>
    public int? MaxNodes { get; set; }

    /// <summary>
    /// The <c>cyclone</c> program as the compute nodes reach it, which runs typed tasks there (<c>cyclone task exec</c>).
    /// Default: the agent's own program (a shared installation).
    /// </summary>
    public string? Cyclone { get; set; }

    /// <summary>The extra arguments, split on white space.</summary>
    public IReadOnlyList<string> ExtraArgumentList() =>
        ExtraArguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Checks every setting; returns what is wrong (naming the setting), or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { ("Partition", Partition), ("Account", Account), ("Qos", Qos) })
        {
            if (value is { Length: > 0 } v && (v.Length > 200 || v.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                yield return $"Agent:Slurm:{name} '{Excerpt.Of(v)}' must be 1 to 200 characters without white space";
            }
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > MaxPollInterval)
        {
            yield return $"Agent:Slurm:PollInterval must be between 100 ms and {MaxPollInterval} (is {PollInterval})";
        }

        if (JobDirectory is { Length: > 0 } directory && (directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || directory.Length > 4096))
        {
            yield return $"Agent:Slurm:JobDirectory '{Excerpt.Of(directory)}' is not a usable path";
        }

        if (MaxNodes is < 1 or > 100_000)
        {
            yield return $"Agent:Slurm:MaxNodes must be between 1 and 100000 (is {MaxNodes})";
        }

        if (ExtraArgumentList().FirstOrDefault(a => !a.StartsWith('-')) is { } stray)
        {
            yield return $"Agent:Slurm:ExtraArguments entry '{Excerpt.Of(stray)}' is not an option (each must start with -, as in --constraint=ib)";
        }

        if (ExtraArgumentList().FirstOrDefault(a => ReservedOption(a) is not null) is { } reserved)
        {
            yield return $"Agent:Slurm:ExtraArguments entry '{Excerpt.Of(reserved)}' sets {ReservedOption(reserved)}, which the agent sets itself for each task";
        }
    }

    private static readonly string[] Reserved =
        ["--job-name", "-J", "--output", "-o", "--error", "-e", "--comment", "--ntasks", "-n", "--wrap", "--parsable", "--chdir", "-D", "--time", "-t"];

    private static string? ReservedOption(string argument) =>
        Array.Find(Reserved, r => argument == r || argument.StartsWith(r + "=", StringComparison.Ordinal)
            || (r.Length == 2 && argument.StartsWith(r, StringComparison.Ordinal) && argument.Length > 2 && !argument.StartsWith("--", StringComparison.Ordinal)));
}
