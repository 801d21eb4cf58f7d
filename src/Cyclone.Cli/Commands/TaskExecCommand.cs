using System.CommandLine;
using Cyclone.Agent.Executors.Slurm;

namespace Cyclone.Cli.Commands;

/// <summary>
/// <c>cyclone task exec LEASE-FILE</c> (hidden): runs the typed task of a lease file on a compute node, for an agent with
/// the Slurm executor (<see cref="SlurmTypedTask"/>); not for users.
/// </summary>
public static class TaskExecCommand
{
    public static Command Create()
    {
        var lease = new Argument<string>("lease-file") { Description = "The lease the Slurm agent wrote for the job" };
        var plugins = new Option<string?>("--plugins") { Description = "Directory of task plugins, as the agent's Agent:PluginDirectory", HelpName = "DIR" };
        var exec = new Command("exec", "Run the typed task of a lease file (used inside Slurm jobs)") { lease, plugins };
        exec.SetAction(async (r, ct) => await SlurmTypedTask.ExecAsync(r.GetValue(lease)!, r.GetValue(plugins), Console.Out, Console.Error, ct));
        return new Command("task", "Run typed tasks (used by agents)") { Hidden = true, Subcommands = { exec } };
    }
}
