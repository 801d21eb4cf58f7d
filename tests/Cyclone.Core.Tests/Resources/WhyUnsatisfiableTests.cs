using Cyclone.Core.Resources;

namespace Cyclone.Core.Tests.Resources;

public class WhyUnsatisfiableTests
{
    private static (AgentCapacity Total, IReadOnlySet<string> Labels) Agent(int slots, long memGb = 16, int gpus = 0, params string[] labels) =>
        (new AgentCapacity(slots, memGb << 30, gpus), new HashSet<string>(labels, StringComparer.Ordinal));

    [Fact]
    public void Demand_some_agents_can_meet_is_satisfiable() =>
        Assert.Null(Placement.WhyUnsatisfiable(new NodeDemand(4, 0, 0, []), 2, [Agent(4), Agent(2), Agent(8)]));

    [Fact]
    public void Too_many_slots_for_every_agent_is_explained()
    {
        var why = Placement.WhyUnsatisfiable(new NodeDemand(16, 0, 0, []), 1, [Agent(8), Agent(4)]);
        Assert.Equal("the job needs 1 distinct agent(s) with 16 slot(s) each, but only 0 of the 2 connected agent(s) can ever hold that", why);
    }

    [Fact]
    public void More_nodes_than_fitting_agents_is_explained_with_the_count_that_fit()
    {
        var why = Placement.WhyUnsatisfiable(NodeDemand.OneSlot, 3, [Agent(4), Agent(4)]);
        Assert.NotNull(why);
        Assert.Contains("needs 3 distinct agent(s)", why, StringComparison.Ordinal);
        Assert.Contains("only 2 of the 2", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_names_memory_gpus_and_labels_when_demanded()
    {
        var why = Placement.WhyUnsatisfiable(new NodeDemand(2, 4L << 30, 1, ["a100", "ib"]), 1, [Agent(8, gpus: 0, labels: "a100")]);
        Assert.Equal(
            "the job needs 1 distinct agent(s) with 2 slot(s), 4G memory, 1 GPU(s), labels a100,ib each, but only 0 of the 1 connected agent(s) can ever hold that",
            why);
    }

    [Fact]
    public void Missing_label_alone_makes_a_demand_unsatisfiable() =>
        Assert.NotNull(Placement.WhyUnsatisfiable(new NodeDemand(1, 0, 0, ["fpga"]), 1, [Agent(64, 512, 8, "gpu")]));

    [Fact]
    public void Agents_exactly_meeting_the_demand_satisfy_it() =>
        Assert.Null(Placement.WhyUnsatisfiable(new NodeDemand(1, 1L << 30, 1, ["gpu"]), 2, [Agent(1, 1, 1, "gpu"), Agent(1, 1, 1, "gpu", "x")]));
}
