using Cyclone.Core.Resources;

namespace Cyclone.Core.Tests.Resources;

public class AgentCapacityTests
{
    private static readonly AgentCapacity Free = new(Slots: 4, MemoryBytes: 8L << 30, Gpus: 2);

    [Fact]
    public void Demand_equal_to_the_free_capacity_fits() =>
        Assert.True(Free.Holds(new NodeDemand(4, 8L << 30, 2, [])));

    [Theory]
    [InlineData(5, 0L, 0)]
    [InlineData(1, (8L << 30) + 1, 0)]
    [InlineData(1, 0L, 3)]
    public void Demand_exceeding_any_one_resource_does_not_fit(int slots, long memory, int gpus) =>
        Assert.False(Free.Holds(new NodeDemand(slots, memory, gpus, [])));

    [Fact]
    public void Holds_ignores_labels() =>
        Assert.True(Free.Holds(new NodeDemand(1, 0, 0, ["gpu-a100"])));

    [Fact]
    public void Minus_then_plus_gives_the_capacity_back()
    {
        var d = new NodeDemand(3, 1L << 30, 1, []);
        var left = Free.Minus(d);
        Assert.Equal(new AgentCapacity(1, 7L << 30, 1), left);
        Assert.Equal(Free, left.Plus(d));
    }

    [Fact]
    public void None_holds_nothing_but_a_zero_demand()
    {
        Assert.Equal(new AgentCapacity(0, 0, 0), AgentCapacity.None);
        Assert.False(AgentCapacity.None.Holds(NodeDemand.OneSlot));
        Assert.True(AgentCapacity.None.Holds(new NodeDemand(0, 0, 0, [])));
    }

    [Fact]
    public void One_slot_demand_needs_one_slot_and_nothing_else() =>
        Assert.Equal((1, 0L, 0, 0), (NodeDemand.OneSlot.Slots, NodeDemand.OneSlot.MemoryBytes, NodeDemand.OneSlot.Gpus, NodeDemand.OneSlot.Labels.Count));
}
