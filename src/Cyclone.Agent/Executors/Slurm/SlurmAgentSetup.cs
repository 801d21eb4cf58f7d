using System.Globalization;
using Cyclone.Agent.Hosting;
using Cyclone.Core.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>What an agent that works with Slurm (the Slurm executor, or a pilot) sets up before it starts.</summary>
public static class SlurmAgentSetup
{
    /// <summary>Label every agent with the Slurm executor carries (<c>cyclone run --label slurm</c> sends a task to one).</summary>
    public const string SlurmLabel = "slurm";

    /// <summary>Label every pilot agent carries.</summary>
    public const string PilotLabel = "pilot";

    /// <summary>
    /// With the Slurm executor: the agent carries the <c>slurm</c> label and <c>cluster-nodes=N</c> (so the hub places a
    /// task of up to N nodes on it whole; N is <c>Agent:Slurm:MaxNodes</c>, else the nodes <c>sinfo</c> lists) and offers
    /// the memory and GPUs of the cluster's nodes (<c>sinfo</c>); another agent may not carry <c>cluster-nodes=</c>. As a
    /// pilot: finds when its allocation ends and carries the <c>pilot</c> label. Answers the machine to register with, or
    /// what makes the agent unable to start.
    /// </summary>
    public static async Task<(MachineInfo Machine, string? Problem)> PrepareAsync(AgentOptions options, MachineInfo machine, CancellationToken ct)
    {
        var commands = new SlurmCommands();
        if (options.UsesSlurm)
        {
            if (await SlurmCapacity.DetectAsync(commands, ct) is not { } capacity)
            {
                var probe = await commands.RunAsync("sinfo", ["-h"], null, ct);
                return (machine, $"Agent:Executor is slurm, but Slurm does not answer on host {machine.Host}: sinfo: {probe.Problem}");
            }

            AddLabel(options, SlurmLabel);
            AddLabel(options, string.Create(CultureInfo.InvariantCulture, $"{Placement.ClusterNodesLabelPrefix}{options.Slurm.MaxNodes ?? capacity.Nodes}"));
            machine = machine with { MemoryBytes = capacity.MemoryBytes, Gpus = capacity.Gpus };
        }

        else if (options.LabelList().Any(l => l.StartsWith(Placement.ClusterNodesLabelPrefix, StringComparison.Ordinal)))
        {
            return (machine, $"Agent:Labels: '{Placement.ClusterNodesLabelPrefix}N' is set by the agent itself with Agent:Executor slurm (the nodes its Slurm has); an agent of one host cannot run a task of several nodes alone");
        }

        if (options.Pilot)
        {
            if (options.AllocationEnd is null)
            {
                var (end, problem) = await PilotAllocation.DetectAsync(commands, Environment.GetEnvironmentVariable, ct);
                if (end is null)
                {
                    return (machine, $"Agent:Pilot: {problem}");
                }

                options.AllocationEnd = end;
            }

            AddLabel(options, PilotLabel);
        }

        return (machine, null);
    }

    /// <summary>Registers the Slurm executor (with <c>--executor slurm</c>) and the pilot's deadline (as a pilot).</summary>
    public static void AddServices(IServiceCollection services, AgentOptions options)
    {
        if (options.UsesSlurm)
        {
            services.AddSingleton(options.Slurm);
            services.AddSingleton<ISlurmCommands, SlurmCommands>();
            services.AddSingleton<SlurmQueue>();
            services.AddSingleton<SlurmExecutor>();
        }

        if (options.Pilot)
        {
            services.AddHostedService(sp => new PilotDeadline(
                options, sp.GetService<ISlurmCommands>() ?? new SlurmCommands(), Environment.GetEnvironmentVariable("SLURM_JOB_ID") is { Length: > 0 } job ? job : null,
                reason => sp.GetRequiredService<Hub.HubSession>().Reregister(reason), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PilotDeadline>>()));
        }
    }

    private static void AddLabel(AgentOptions options, string label)
    {
        if (!options.LabelList().Contains(label, StringComparer.Ordinal))
        {
            options.Labels = string.IsNullOrWhiteSpace(options.Labels) ? label : $"{options.Labels},{label}";
        }
    }
}
