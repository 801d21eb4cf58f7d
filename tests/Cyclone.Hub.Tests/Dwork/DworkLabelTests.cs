using Cyclone.Hub.Agents;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>No agent carries the label that keeps dwork tasks for dwork workers.</summary>
public sealed class DworkLabelTests
{
    [Theory]
    [InlineData("dwork:worker")]
    [InlineData("dwork:anything")]
    public void An_agent_with_a_label_kept_for_dwork_workers_is_refused(string label)
    {
        var problem = RunnerRegistrationRules.Problem("a1", "host", 2, 0, 0, ["gpu", label]);
        Assert.NotNull(problem);
        Assert.Contains($"'{label}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_labels_that_mention_dwork_are_fine() =>
        Assert.Null(RunnerRegistrationRules.Problem("a1", "host", 2, 0, 0, ["dwork", "dworker", "x:dwork:y"]));
}
