using Cyclone.Core.Resources;

namespace Cyclone.Core.Tests.Resources;

public class PlacementFitsTests
{
    private static readonly AgentCapacity Big = new(8, 32L << 30, 2);

    private static HashSet<string> Labels(params string[] labels) => new(labels, StringComparer.Ordinal);

    [Fact]
    public void Demand_fits_an_agent_with_room_and_every_label() =>
        Assert.True(Placement.Fits(new NodeDemand(2, 4L << 30, 1, ["gpu", "ssd"]), Big, Labels("ssd", "gpu", "x86")));

    [Fact]
    public void Demand_does_not_fit_an_agent_missing_one_label() =>
        Assert.False(Placement.Fits(new NodeDemand(1, 0, 0, ["gpu", "ssd"]), Big, Labels("gpu")));

    [Fact]
    public void Labels_are_matched_case_sensitively_as_given_by_the_agent_set() =>
        Assert.False(Placement.Fits(new NodeDemand(1, 0, 0, ["GPU"]), Big, Labels("gpu")));

    [Fact]
    public void Demand_without_labels_fits_an_unlabelled_agent() =>
        Assert.True(Placement.Fits(NodeDemand.OneSlot, Big, Labels()));

    [Fact]
    public void Demand_does_not_fit_when_capacity_is_short_even_with_labels() =>
        Assert.False(Placement.Fits(new NodeDemand(1, 0, 3, ["gpu"]), Big, Labels("gpu")));

    [Fact]
    public void HasLabels_ignores_capacity() =>
        Assert.True(Placement.HasLabels(new NodeDemand(1000, 0, 0, ["a"]), Labels("a")));
}
