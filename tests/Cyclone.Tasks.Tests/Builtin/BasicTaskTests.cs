using System.Text.Json.Nodes;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin;

public sealed class BasicTaskTests
{
    [Fact]
    public async Task Noop_succeeds_with_no_outputs()
    {
        Assert.Empty(await RunAsync("noop", []));
    }

    [Fact]
    public async Task Noop_that_is_already_stopped_ends_cancelled()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync("noop", [], stop.Token));
    }

    [Fact]
    public async Task Sleep_waits_the_seconds_it_is_given()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(await RunAsync("sleep", new JsonObject { ["seconds"] = 0.05 }));
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(45), $"slept only {started.Elapsed}");
    }

    [Fact]
    public async Task Sleep_ends_early_when_stopped()
    {
        using var stop = new CancellationTokenSource();
        var sleeping = RunAsync("sleep", new JsonObject { ["seconds"] = 3600 }, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
    }

    [Theory]
    [InlineData("""{"seconds": -1}""", "between 0 and 86400")]
    [InlineData("""{"seconds": 1e9}""", "between 0 and 86400")]
    [InlineData("""{"seconds": "soon"}""", "'seconds'")]
    [InlineData("""{}""", "'seconds'")]
    public async Task Sleep_refuses_a_duration_it_cannot_sleep_and_says_which_input(string inputs, string expected)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("sleep", inputs));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
