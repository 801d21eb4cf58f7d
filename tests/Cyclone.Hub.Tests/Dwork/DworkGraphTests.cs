using Cyclone.Tests.Shared;
using Cyclone.Hub.Dwork;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>How a Create's tasks are checked and ordered before anything is stored.</summary>
public sealed class DworkGraphTests
{
    [Fact]
    public void Tasks_are_ordered_so_that_each_comes_after_its_predecessors_in_the_message()
    {
        var tasks = new[] { DworkClient.Task("d", "o", "b", "c"), DworkClient.Task("b", "o", "a"), DworkClient.Task("c", "o", "a", "old"), DworkClient.Task("a") };
        var ordered = DworkGraph.Order(tasks, name => name == "old", out var error);
        Assert.Null(error);
        var position = ordered!.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i);
        Assert.True(position["a"] < position["b"] && position["a"] < position["c"] && position["b"] < position["d"] && position["c"] < position["d"]);
    }

    [Fact]
    public void A_predecessor_named_twice_counts_once()
    {
        var ordered = DworkGraph.Order([DworkClient.Task("b", "o", "a", "a"), DworkClient.Task("a")], _ => false, out var error);
        Assert.Null(error);
        Assert.Equal(["a", "b"], ordered!.Select(t => t.Name));
    }

    [Theory]
    [InlineData("cycle")]
    [InlineData("origin")]
    [InlineData("unknown")]
    public void Invalid_graphs_are_refused_with_a_reason(string what)
    {
        var tasks = what switch
        {
            "cycle" => new[] { DworkClient.Task("a", "o", "c"), DworkClient.Task("b", "o", "a"), DworkClient.Task("c", "o", "b"), DworkClient.Task("free") },
            "origin" => [new Protocol.Dwork.TaskMsg { Name = "a", Origin = "" }],
            _ => [DworkClient.Task("a", "o", "ghost")],
        };

        Assert.Null(DworkGraph.Order(tasks, _ => false, out var error));
        Assert.NotNull(error);
        Assert.Contains(what switch { "cycle" => "cycle (among a, b, c)", "origin" => "origin must be", _ => "'ghost', which is no task" }, error, StringComparison.Ordinal);
    }
}
