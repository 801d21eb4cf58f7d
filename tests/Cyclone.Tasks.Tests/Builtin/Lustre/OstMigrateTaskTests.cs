using System.Text.Json.Nodes;
using Cyclone.Tasks.Builtin.Lustre;
using Cyclone.Tests.Shared;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

public sealed class OstMigrateTaskTests : IDisposable
{
    private readonly TempDirectory _mount = new();

    public void Dispose() => _mount.Dispose();

    private RecordedLfs TwoOsts() => new RecordedLfs()
        .Answer($"lfs find {_mount.Path} --ost 4 --type f --size +1G --print0", "/l/a\0/l/b b\0")
        .Answer($"lfs find {_mount.Path} --ost 5 --type f --size +1G --print0", "/l/b b\0/l/c\0");

    private JsonObject Inputs(JsonObject extra)
    {
        var inputs = new JsonObject { ["path"] = _mount.Path, ["osts"] = "4-5", ["min_size"] = "+1G" };
        foreach (var (name, value) in extra)
        {
            inputs[name] = value?.DeepClone();
        }

        return inputs;
    }

    [Fact]
    public async Task A_dry_run_lists_each_file_once_and_migrates_nothing()
    {
        var lfs = TwoOsts();
        using var log = new StringWriter();
        var outputs = await new OstMigrateTask(lfs).RunAsync(Context(Inputs(new JsonObject { ["dry_run"] = true }), log), CancellationToken.None);
        Assert.Equal(3, outputs["found"]!.GetValue<int>());
        Assert.Equal(0, outputs["migrated"]!.GetValue<int>());
        Assert.DoesNotContain(lfs.Calls, c => c.Contains(" migrate ", StringComparison.Ordinal));
        Assert.Contains("/l/b b\n", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_file_found_is_migrated_with_the_layout_asked_for()
    {
        var lfs = TwoOsts();
        var outputs = await new OstMigrateTask(lfs).RunAsync(
            Context(Inputs(new JsonObject { ["stripe_count"] = 2, ["target_osts"] = "8-11", ["parallelism"] = 4 })), CancellationToken.None);
        Assert.Equal(3, outputs["migrated"]!.GetValue<int>());
        Assert.Equal(
            ["lfs migrate -c 2 -o 8-11 -- /l/a", "lfs migrate -c 2 -o 8-11 -- /l/b b", "lfs migrate -c 2 -o 8-11 -- /l/c"],
            lfs.Calls.Where(c => c.Contains(" migrate ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_single_ost_may_be_given_as_a_number()
    {
        var lfs = TwoOsts();
        var outputs = await new OstMigrateTask(lfs).RunAsync(Context(Inputs(new JsonObject { ["osts"] = 5, ["dry_run"] = true })), CancellationToken.None);
        Assert.Equal(2, outputs["found"]!.GetValue<int>());
        Assert.Equal([$"lfs find {_mount.Path} --ost 5 --type f --size +1G --print0"], lfs.Calls);
    }

    [Fact]
    public async Task Max_files_bounds_what_is_migrated()
    {
        var lfs = TwoOsts();
        var outputs = await new OstMigrateTask(lfs).RunAsync(Context(Inputs(new JsonObject { ["max_files"] = 2, ["start_ost"] = 9 })), CancellationToken.None);
        Assert.Equal(2, outputs["found"]!.GetValue<int>());
        Assert.Equal(["lfs migrate -c 1 -i 9 -- /l/a", "lfs migrate -c 1 -i 9 -- /l/b b"], lfs.Calls.Where(c => c.Contains(" migrate ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_that_fails_to_migrate_fails_the_task_after_the_others_are_done()
    {
        var lfs = TwoOsts().Answer("lfs migrate -c 1 -- /l/b b", "", 16, "lfs migrate: /l/b b: Device or resource busy\n");
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => new OstMigrateTask(lfs).RunAsync(Context(Inputs([])), CancellationToken.None));
        Assert.Contains("1 of 3 files failed to migrate (2 migrated); first: /l/b b: exit 16: lfs migrate: /l/b b: Device or resource busy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"osts": null}""", "'osts' is missing")]
    [InlineData("""{"osts": "0-70000"}""", "OST indices go from 0 to 65535, not 70000")]
    [InlineData("""{"target_osts": "1", "start_ost": 2}""", "not both")]
    [InlineData("""{"min_size": "big"}""", "'min_size' must be a size")]
    [InlineData("""{"parallelism": 17}""", "'parallelism' must be between 1 and 16")]
    [InlineData("""{"stripe_count": -2}""", "'stripe_count' must be between -1 and 2000")]
    public async Task Bad_inputs_are_refused_before_lfs_runs(string extra, string expected)
    {
        var lfs = new RecordedLfs();
        var error = await Assert.ThrowsAsync<TaskInputException>(() =>
            new OstMigrateTask(lfs).RunAsync(Context(Inputs(JsonNode.Parse(extra)!.AsObject())), CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(lfs.Calls);
    }
}
