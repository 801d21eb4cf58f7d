using Cyclone.Agent.Executors.Slurm;
using Cyclone.Agent.Hosting;

namespace Cyclone.Agent.Tests.Executors.Slurm;

public sealed class SlurmAgentSetupTests
{
    [Fact]
    public async Task An_agent_of_one_host_may_not_claim_to_stand_for_a_cluster_of_nodes()
    {
        var options = new AgentOptions { Labels = "gpu,cluster-nodes=4" };
        var machine = new MachineInfo("host1", 8, 1L << 30, 0, "1.0");

        var (_, problem) = await SlurmAgentSetup.PrepareAsync(options, machine, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.Contains("cluster-nodes=", problem, StringComparison.Ordinal);
        Assert.Contains("Agent:Labels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_of_one_host_without_Slurm_labels_starts_as_it_is()
    {
        var options = new AgentOptions { Labels = "gpu" };
        var machine = new MachineInfo("host1", 8, 1L << 30, 0, "1.0");

        var (prepared, problem) = await SlurmAgentSetup.PrepareAsync(options, machine, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(machine, prepared);
        Assert.Equal(["gpu"], options.LabelList());
    }
}
