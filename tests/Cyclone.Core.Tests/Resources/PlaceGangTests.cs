using Cyclone.Core.Resources;

namespace Cyclone.Core.Tests.Resources;

public class PlaceGangTests
{
    private sealed record Agent(string Name, AgentCapacity Free, HashSet<string> Labels);

    private static Agent A(string name, int slots, long memGb = 16, int gpus = 0, params string[] labels) =>
        new(name, new AgentCapacity(slots, memGb << 30, gpus), new HashSet<string>(labels, StringComparer.Ordinal));

    private static List<string>? Place(NodeDemand demand, int nodes, params Agent[] agents) =>
        Placement.PlaceGang(demand, nodes, agents, a => a.Free, a => a.Labels)?.Select(a => a.Name).ToList();

    [Fact]
    public void Gang_goes_to_n_distinct_agents_in_candidate_order() =>
        Assert.Equal(["a", "b", "c"], Place(NodeDemand.OneSlot, 3, A("a", 1), A("b", 1), A("c", 1), A("d", 1)));

    [Fact]
    public void Gang_is_not_placed_when_only_n_minus_one_agents_fit() =>
        Assert.Null(Place(NodeDemand.OneSlot, 3, A("a", 4), A("b", 4), A("c", 0)));

    [Fact]
    public void Gang_never_puts_two_nodes_on_one_agent_even_with_room_for_both() =>
        Assert.Null(Place(new NodeDemand(2, 0, 0, []), 2, A("big", 64)));

    [Fact]
    public void Agents_short_of_slots_are_skipped() =>
        Assert.Equal(["b", "d"], Place(new NodeDemand(4, 0, 0, []), 2, A("a", 3), A("b", 4), A("c", 2), A("d", 8)));

    [Fact]
    public void Agents_short_of_memory_are_skipped() =>
        Assert.Equal(["b", "c"], Place(new NodeDemand(1, 8L << 30, 0, []), 2, A("a", 4, memGb: 4), A("b", 4, memGb: 8), A("c", 4, memGb: 64)));

    [Fact]
    public void Agents_short_of_gpus_are_skipped() =>
        Assert.Equal(["c", "d"], Place(new NodeDemand(1, 0, 2, []), 2, A("a", 4, gpus: 0), A("b", 4, gpus: 1), A("c", 4, gpus: 2), A("d", 4, gpus: 4)));

    [Fact]
    public void Agents_missing_a_label_are_skipped() =>
        Assert.Equal(["b", "d"], Place(new NodeDemand(1, 0, 0, ["ib"]), 2, A("a", 4), A("b", 4, 16, 0, "ib"), A("c", 4, 16, 0, "eth"), A("d", 4, 16, 0, "ib", "eth")));

    [Fact]
    public void Gang_with_one_label_short_agent_is_not_placed() =>
        Assert.Null(Place(new NodeDemand(1, 0, 0, ["ib"]), 2, A("a", 4, 16, 0, "ib"), A("b", 4)));

    [Fact]
    public void No_candidates_places_nothing() =>
        Assert.Null(Place(NodeDemand.OneSlot, 1));

    [Fact]
    public void Single_node_gang_takes_the_first_agent_that_fits() =>
        Assert.Equal(["b"], Place(new NodeDemand(2, 0, 0, []), 1, A("a", 1), A("b", 2), A("c", 2)));

    [Fact]
    public void Candidates_are_not_enumerated_past_the_last_node_needed()
    {
        var seen = new List<string>();
        IEnumerable<Agent> Candidates()
        {
            foreach (var a in new[] { A("a", 1), A("b", 1), A("c", 1) })
            {
                seen.Add(a.Name);
                yield return a;
            }
        }

        var chosen = Placement.PlaceGang(NodeDemand.OneSlot, 2, Candidates(), a => a.Free, a => a.Labels);
        Assert.NotNull(chosen);
        Assert.Equal(["a", "b"], seen);
    }
}
