using System.Globalization;
using System.Text;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// The two scripts of one job: the batch script, which starts the task's processes as ranks of one <c>srun</c> step
/// (each rank's stdout and stderr to its own file; on every node of a task placed whole on the agent), and the rank script, which sets the rank's <c>CYCLONE_*</c> and
/// <c>CM_*</c> variables as the process executor does, runs the command and writes its exit status.
/// </summary>
public static class SlurmJobScript
{
    /// <summary>The batch script for <paramref name="lease"/>, whose files are in <paramref name="directory"/>.</summary>
    public static string Batch(Lease lease, SlurmJobFiles directory, string agent)
    {
        var procs = LeaseEnvironment.ProcsPerNode(lease);
        var ranks = Ranks(lease);
        var cpus = Math.Max(1, lease.CpusPerProc);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"# Cyclone task {lease.TaskId}, attempt {lease.Attempt}, node {lease.NodeIndex}; submitted by agent {OneLine(agent)}\n");
        text.Append(CultureInfo.InvariantCulture, $"exec srun --ntasks={ranks} --ntasks-per-node={procs} --cpus-per-task={cpus} --kill-on-bad-exit=0 ");
        text.Append("--output=").Append(Quote(directory.RankOutputPattern)).Append(" --error=").Append(Quote(directory.RankErrorPattern));
        text.Append(" /bin/bash ").Append(Quote(directory.RankScript)).Append('\n');
        return text.ToString();
    }

    /// <summary>The rank script: the variables of <paramref name="variables"/> and the rank's own, then the lease's command.</summary>
    public static string Rank(Lease lease, SlurmJobFiles directory, IEnumerable<KeyValuePair<string, string>> variables) =>
        Rank(lease, lease.Command, directory, variables);

    /// <summary>The rank script: the variables of <paramref name="variables"/> and the rank's own, then <paramref name="command"/>.</summary>
    public static string Rank(Lease lease, IReadOnlyList<string> command, SlurmJobFiles directory, IEnumerable<KeyValuePair<string, string>> variables)
    {
        var base0 = LeaseEnvironment.Rank(lease, 0);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        foreach (var (key, value) in variables)
        {
            if (IsVariableName(key))
            {
                text.Append("export ").Append(key).Append('=').Append(Quote(value)).Append('\n');
            }
        }

        text.Append("local_id=${SLURM_LOCALID:-0}\n");
        text.Append("job_rank=${SLURM_PROCID:-$local_id}\n");
        text.Append(CultureInfo.InvariantCulture, $"rank=$(({base0} + job_rank))\n");
        text.Append("export CYCLONE_LOCALID=$local_id CYCLONE_PROCID=$rank CM_PROC_RANK=$rank\n");
        if (LeaseEnvironment.NodesOf(lease) > 1)
        {
            // one job of all the task's nodes: where a rank stands is Slurm's to say
            text.Append("export CYCLONE_NODEID=${SLURM_NODEID:-0} CM_NODE_RANK=${SLURM_NODEID:-0} CYCLONE_NODENAME=${SLURMD_NODENAME:-} CYCLONE_NODELIST=${SLURM_JOB_NODELIST:-}\n");
        }

        text.Append(string.Join(' ', command.Select(Quote))).Append('\n');
        text.Append("code=$?\n");
        text.Append("printf '%s\\n' \"$code\" > ").Append(Quote(directory.ExitPrefix)).Append("\"$job_rank\"\n");
        text.Append("exit $code\n");
        return text.ToString();
    }

    /// <summary>The processes of the job: those of one node, times the nodes the lease stands for.</summary>
    public static int Ranks(Lease lease) => LeaseEnvironment.NodesOf(lease) * LeaseEnvironment.ProcsPerNode(lease);

    /// <summary>One word for bash: single-quoted, with each single quote closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsVariableName(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
