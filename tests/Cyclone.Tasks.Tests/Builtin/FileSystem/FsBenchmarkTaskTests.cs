using System.Text.Json.Nodes;
using Cyclone.Tasks.Builtin.FileSystem;
using Cyclone.Tests.Shared;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin.FileSystem;

public sealed class FsBenchmarkTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_benchmark_in_a_real_directory_gives_positive_figures_and_leaves_nothing_behind()
    {
        using var log = new StringWriter();
        var outputs = await new FsBenchmarkTask().RunAsync(
            Context(new JsonObject { ["directory"] = Dir, ["size_mib"] = 4, ["block_kib"] = 64, ["metadata_files"] = 50 }, log),
            CancellationToken.None);
        foreach (var figure in new[] { "write_mib_per_s", "read_mib_per_s", "metadata_ops_per_s" })
        {
            var value = outputs[figure]!.GetValue<double>();
            Assert.True(value > 0 && double.IsFinite(value), $"{figure} is {value}");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Dir));
        Assert.Contains("wrote 4 MiB", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_are_the_amounts_over_the_measured_time()
    {
        var outputs = await new FsBenchmarkTask(new SteppingTime(TimeSpan.FromSeconds(2))).RunAsync(
            Context(new JsonObject { ["directory"] = Dir, ["size_mib"] = 2, ["metadata_files"] = 10 }), CancellationToken.None);
        Assert.Equal(1.0, outputs["write_mib_per_s"]!.GetValue<double>());
        Assert.Equal(1.0, outputs["read_mib_per_s"]!.GetValue<double>());
        Assert.Equal(15.0, outputs["metadata_ops_per_s"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_directory_that_does_not_exist_is_refused_by_name()
    {
        var missing = Path.Combine(Dir, "not-there");
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("fs.benchmark", new JsonObject { ["directory"] = missing }));
        Assert.Contains($"'{missing}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("size_mib", 0, "'size_mib' must be between 1 and 65536")]
    [InlineData("block_kib", 1, "'block_kib' must be between 4 and 65536")]
    [InlineData("metadata_files", 0, "'metadata_files' must be between 1 and 1000000")]
    public async Task Out_of_range_sizes_are_refused_and_name_the_input(string input, int value, string expected)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() =>
            RunAsync("fs.benchmark", new JsonObject { ["directory"] = Dir, [input] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
