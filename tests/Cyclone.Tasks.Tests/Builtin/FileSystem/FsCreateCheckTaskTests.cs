using System.Text.Json.Nodes;
using Cyclone.Tasks.Builtin.FileSystem;
using Cyclone.Tests.Shared;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin.FileSystem;

public sealed class FsCreateCheckTaskTests : IDisposable
{
    private readonly TempDirectory _first = new();
    private readonly TempDirectory _second = new();

    private string First => _first.Path;

    private string Second => _second.Path;

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task Each_directory_gets_its_create_stat_and_remove_times_and_is_left_clean()
    {
        var outputs = await RunAsync("fs.create-check", new JsonObject { ["directories"] = new JsonArray(First, Second) });
        var results = outputs["results"]!.AsArray();
        Assert.Equal([First, Second], results.Select(r => r!["directory"]!.GetValue<string>()));
        foreach (var result in results)
        {
            foreach (var step in new[] { "create_ms", "stat_ms", "remove_ms" })
            {
                Assert.True(result![step]!.GetValue<double>() >= 0, $"{step} of {result.ToJsonString()}");
            }
        }

        Assert.True(outputs["slowest_ms"]!.GetValue<double>() >= 0);
        Assert.Empty(Directory.EnumerateFileSystemEntries(First));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Second));
    }

    [Fact]
    public async Task A_single_directory_may_be_given_as_a_string()
    {
        var outputs = await RunAsync("fs.create-check", new JsonObject { ["directories"] = First });
        Assert.Single(outputs["results"]!.AsArray());
    }

    [Fact]
    public async Task A_step_slower_than_the_limit_fails_and_names_the_directory_and_step()
    {
        var task = new FsCreateCheckTask(new SteppingTime(TimeSpan.FromSeconds(2)));
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => task.RunAsync(
            Context(new JsonObject { ["directories"] = new JsonArray(First, Second), ["timeout_seconds"] = 1 }), CancellationToken.None));
        Assert.Contains($"directory '{First}': create took 2000 ms, more than the limit of 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains($"directory '{Second}': create took", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 2 directories failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_does_not_exist_fails_the_check_by_name_while_the_others_are_checked()
    {
        var missing = Path.Combine(First, "not-there");
        using var log = new StringWriter();
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => new FsCreateCheckTask().RunAsync(
            Context(new JsonObject { ["directories"] = new JsonArray(missing, Second) }, log), CancellationToken.None));
        Assert.Contains($"1 of 2 directories failed: directory '{missing}': create failed:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"directory\":\"{Second}\",\"create_ms\"", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "'directories' is missing")]
    [InlineData("""{"directories": []}""", "empty list")]
    [InlineData("""{"directories": ["/tmp", 3]}""", "item 1 is 3")]
    [InlineData("""{"directories": "/tmp", "timeout_seconds": 0}""", "'timeout_seconds' must be between 0.001 and 3600")]
    public async Task Bad_inputs_are_refused_and_name_the_input(string inputs, string expected)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("fs.create-check", inputs));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
