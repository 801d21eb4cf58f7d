using System.Globalization;
using System.Text;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// A pilot: a Slurm job that runs Cyclone agents, one per node of its allocation (<c>srun --ntasks-per-node=1</c>), each
/// named <c>PREFIX-JOBID-NODE</c>, started with <c>--pilot</c> so that it tells the hub when the allocation ends and
/// leaves before it.
/// </summary>
/// <param name="Program">The <c>cyclone</c> program as words (<c>dotnet /path/cyclone.dll</c>, or the program alone).</param>
/// <param name="HubUrl">The hub as the compute nodes reach it.</param>
/// <param name="TokenFile">The agent token's file, on a file system the compute nodes share.</param>
/// <param name="NamePrefix">The start of each agent's name.</param>
/// <param name="Slots">Slots per agent; null: the node's processors.</param>
/// <param name="Labels">More labels for the agents; empty: none.</param>
public sealed record PilotJob(IReadOnlyList<string> Program, string HubUrl, string TokenFile, string NamePrefix, int? Slots, string Labels)
{
    /// <summary>The batch script.</summary>
    public string Script()
    {
        var agent = new List<string>(Program) { "agent", "--pilot", "--hub", HubUrl, "--token-file", TokenFile };
        if (Slots is { } slots)
        {
            agent.AddRange(["--slots", slots.ToString(CultureInfo.InvariantCulture)]);
        }

        if (Labels.Length > 0)
        {
            agent.AddRange(["--labels", Labels]);
        }

        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append("# A Cyclone pilot: one agent per node of this allocation, until shortly before it ends\n");
        text.Append("exec srun --ntasks-per-node=1 --cpus-per-task=\"${SLURM_CPUS_ON_NODE:-1}\" --kill-on-bad-exit=0 /bin/bash -c ");
        text.Append(SlurmJobScript.Quote(
            string.Join(' ', agent.Select(SlurmJobScript.Quote)) + " --name " + SlurmJobScript.Quote(NamePrefix) + "-\"$SLURM_JOB_ID-$SLURMD_NODENAME\""));
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>The sbatch command line for one pilot of <paramref name="nodes"/> nodes and <paramref name="time"/>, its script at <paramref name="script"/>.</summary>
    public static IReadOnlyList<string> SbatchArguments(int nodes, TimeSpan time, string output, IReadOnlyList<string> extra, string script)
    {
        var minutes = (long)Math.Ceiling(time.TotalMinutes);
        return
        [
            "--parsable",
            "--job-name=cyclone-pilot",
            string.Create(CultureInfo.InvariantCulture, $"--nodes={nodes}"),
            string.Create(CultureInfo.InvariantCulture, $"--ntasks-per-node=1"),
            string.Create(CultureInfo.InvariantCulture, $"--time={minutes}"),
            $"--output={output}",
            "--no-requeue",
            .. extra,
            script,
        ];
    }
}
