using System.Globalization;
using System.Text;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// The two scripts of one job: the batch script, which starts the task's processes as ranks of one <c>srun</c> step
/// (each rank's stdout and stderr to its own file), and the rank script, which sets the rank's <c>CYCLONE_*</c> and
/// <c>CM_*</c> variables as the process executor does, runs the command and writes its exit status.
/// </summary>
public static class SlurmJobScript
{
    /// <summary>The batch script for <paramref name="lease"/>, whose files are in <paramref name="directory"/>.</summary>
    public static string Batch(Lease lease, SlurmJobFiles directory, string agent)
    {
        var procs = LeaseEnvironment.ProcsPerNode(lease);
        var cpus = Math.Max(1, lease.CpusPerProc);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"# Cyclone task {lease.TaskId}, attempt {lease.Attempt}, node {lease.NodeIndex}; submitted by agent {OneLine(agent)}\n");
        text.Append(CultureInfo.InvariantCulture, $"exec srun --ntasks={procs} --ntasks-per-node={procs} --cpus-per-task={cpus} --kill-on-bad-exit=0 ");
        text.Append("--output=").Append(Quote(directory.RankOutputPattern)).Append(" --error=").Append(Quote(directory.RankErrorPattern));
        text.Append(" /bin/bash ").Append(Quote(directory.RankScript)).Append('\n');
        return text.ToString();
    }

    /// <summary>The rank script: the variables of <paramref name="variables"/> and the rank's own, then the command.</summary>
    public static string Rank(Lease lease, SlurmJobFiles directory, IEnumerable<KeyValuePair<string, string>> variables)
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
        text.Append(CultureInfo.InvariantCulture, $"rank=$(({base0} + local_id))\n");
        text.Append("export CYCLONE_LOCALID=$local_id CYCLONE_PROCID=$rank CM_PROC_RANK=$rank\n");
        text.Append(string.Join(' ', lease.Command.Select(Quote))).Append('\n');
        text.Append("code=$?\n");
        text.Append("printf '%s\\n' \"$code\" > ").Append(Quote(directory.ExitPrefix)).Append("\"$local_id\"\n");
        text.Append("exit $code\n");
        return text.ToString();
    }

    /// <summary>One word for bash: single-quoted, with each single quote closed, escaped and reopened.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsVariableName(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
