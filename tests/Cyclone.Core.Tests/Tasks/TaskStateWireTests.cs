using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Tasks;

public class TaskStateWireTests
{
    [Theory]
    [InlineData(TaskState.Blocked, "BLOCKED")]
    [InlineData(TaskState.Pending, "PENDING")]
    [InlineData(TaskState.Running, "RUNNING")]
    [InlineData(TaskState.Completed, "COMPLETED")]
    [InlineData(TaskState.Failed, "FAILED")]
    [InlineData(TaskState.Timeout, "TIMEOUT")]
    [InlineData(TaskState.Cancelled, "CANCELLED")]
    [InlineData(TaskState.UpstreamFailed, "UPSTREAM_FAILED")]
    public void Wire_name_is_upper_case_with_underscores(TaskState state, string wire) =>
        Assert.Equal(wire, state.ToWire());

    [Fact]
    public void Every_state_round_trips_through_its_wire_name()
    {
        foreach (var state in TaskStates.All)
        {
            Assert.True(TaskStates.TryParseWire(state.ToWire(), out var parsed));
            Assert.Equal(state, parsed);
        }
    }

    [Theory]
    [InlineData("upstream_failed", TaskState.UpstreamFailed)]
    [InlineData("Running", TaskState.Running)]
    [InlineData("  cancelled ", TaskState.Cancelled)]
    public void Wire_name_parses_case_insensitively_and_trimmed(string text, TaskState expected)
    {
        Assert.True(TaskStates.TryParseWire(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("DONE")]
    [InlineData("UPSTREAMFAILED")]
    [InlineData("UpstreamFailed")]
    [InlineData("2")]
    [InlineData("RUNNING!")]
    public void Unknown_wire_name_is_rejected(string? text) =>
        Assert.False(TaskStates.TryParseWire(text, out _));
}
