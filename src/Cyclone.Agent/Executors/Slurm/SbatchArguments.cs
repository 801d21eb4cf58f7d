using System.Globalization;
using Cyclone.Agent.Attempts;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// The <c>sbatch</c> command line for one lease: one node with the task's processes as tasks (<c>--ntasks</c>), or, for
/// a task the hub placed whole on this agent (<see cref="LeaseEnvironment.NodesOf"/>), all its nodes
/// (<c>--nodes=N --ntasks-per-node=P</c>); its CPUs per process, memory (<c>--mem</c>, per node), GPUs (<c>--gres=gpu:N</c>) and time limit
/// (<c>--time</c>, whole minutes, rounded up: Slurm counts in minutes; the agent itself ends the job at the exact limit);
/// partition, account and QOS from the task's <c>slurm:partition=</c>, <c>slurm:account=</c>, <c>slurm:qos=</c> labels,
/// else from the agent's settings; never requeued by Slurm (Cyclone runs the task again itself).
/// </summary>
public static class SbatchArguments
{
    /// <summary>Label prefix of Slurm settings a task asks for.</summary>
    public const string LabelPrefix = "slurm:";

    public static IReadOnlyList<string> For(Lease lease, SlurmExecutorOptions options, string agent, SlurmJobFiles files, string workingDirectory)
    {
        var id = AttemptId.Of(lease);
        var procs = LeaseEnvironment.ProcsPerNode(lease);
        var nodes = LeaseEnvironment.NodesOf(lease);
        var args = new List<string>
        {
            "--parsable",
            $"--job-name={SlurmJobName.Name(id)}",
            $"--comment={SlurmJobName.Comment(id, agent)}",
            $"--output={files.BatchOutput}",
            $"--error={files.BatchError}",
            $"--chdir={workingDirectory}",
            Text($"--nodes={nodes}"),
            Text($"--ntasks={nodes * procs}"),
            Text($"--ntasks-per-node={procs}"),
            Text($"--cpus-per-task={Math.Max(1, lease.CpusPerProc)}"),
        };
        if (lease.MemoryBytes > 0)
        {
            args.Add(Text($"--mem={(lease.MemoryBytes + (1024 * 1024) - 1) / (1024 * 1024)}M"));
        }

        if (lease.Gpus > 0)
        {
            args.Add(Text($"--gres=gpu:{lease.Gpus}"));
        }

        if (lease.TimeLimitMs > 0)
        {
            args.Add(Text($"--time={(lease.TimeLimitMs + 59_999) / 60_000}"));
        }

        foreach (var (setting, configured) in new[] { ("partition", options.Partition), ("account", options.Account), ("qos", options.Qos) })
        {
            var value = FromLabels(lease, setting) ?? configured;
            if (!string.IsNullOrEmpty(value))
            {
                args.Add($"--{setting}={value}");
            }
        }

        args.Add("--no-requeue");
        args.AddRange(options.ExtraArgumentList());
        args.Add(files.BatchScript);
        return args;
    }

    /// <summary>The value of the task's <c>slurm:SETTING=VALUE</c> label, if it has one.</summary>
    public static string? FromLabels(Lease lease, string setting)
    {
        var prefix = $"{LabelPrefix}{setting}=";
        return lease.Labels.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Length > prefix.Length)?[prefix.Length..];
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
