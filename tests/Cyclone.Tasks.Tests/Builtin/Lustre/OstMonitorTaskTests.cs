using System.Text.Json.Nodes;
using Cyclone.Tasks.Builtin.Lustre;
using Cyclone.Tests.Shared;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

public sealed class OstMonitorTaskTests : IDisposable
{
    private readonly TempDirectory _mount = new();

    public void Dispose() => _mount.Dispose();

    [Fact]
    public async Task Recorded_lfs_df_output_becomes_one_row_per_ost_with_space_and_inode_figures()
    {
        var dir = _mount.Path;
        var lfs = new RecordedLfs()
            .Answer($"/opt/lustre/bin/lfs df -v {dir}", Fixtures.Read("lfs-df.lab105-two-mdts.txt"))
            .Answer($"/opt/lustre/bin/lfs df -i -v {dir}", """
                UUID                      Inodes       IUsed       IFree IUse% Mounted on
                lustrefs-MDT0000_UUID    4194304         296     4194008   1% /mnt[MDT:0]
                lustrefs-OST0000_UUID     655360         434      654926   1% /mnt[OST:0]

                filesystem_summary:      1965594         816     1964778   1% /mnt
                """);
        var outputs = await new OstMonitorTask(lfs).RunAsync(
            Context(new JsonObject { ["path"] = dir, ["lfs"] = "/opt/lustre/bin/lfs" }), CancellationToken.None);

        var ost = Assert.Single(outputs["osts"]!.AsArray())!;
        Assert.Equal(0, ost["index"]!.GetValue<int>());
        Assert.Equal("lustrefs-OST0000_UUID", ost["uuid"]!.GetValue<string>());
        Assert.Equal("active", ost["status"]!.GetValue<string>());
        Assert.Equal(100298752L * 1024, ost["capacity_bytes"]!.GetValue<long>());
        Assert.Equal(3072L * 1024, ost["used_bytes"]!.GetValue<long>());
        Assert.Equal(654926, ost["inodes_free"]!.GetValue<long>());
        Assert.Equal(2, outputs["mdts"]!.AsArray().Count);
        Assert.Null(outputs["mdts"]![1]!["inodes"]);
        Assert.Equal("/mnt", outputs["summary"]!["mount_point"]!.GetValue<string>());
        Assert.Equal(1965594, outputs["summary"]!["inodes"]!.GetValue<long>());
        Assert.Equal([$"/opt/lustre/bin/lfs df -v {dir}", $"/opt/lustre/bin/lfs df -i -v {dir}"], lfs.Calls);
    }

    [Fact]
    public async Task Only_the_osts_asked_for_are_reported_and_inactive_ones_say_so()
    {
        var dir = _mount.Path;
        var lfs = new RecordedLfs().Answer($"lfs df -v {dir}", Fixtures.Read("lfs-df-v.inactive-and-flags.derived.txt"));
        using var log = new StringWriter();
        var outputs = await new OstMonitorTask(lfs).RunAsync(Context(new JsonObject { ["path"] = dir, ["osts"] = "1-2,4,9" }, log), CancellationToken.None);
        var rows = outputs["osts"]!.AsArray();
        Assert.Equal([1, 2, 4], rows.Select(r => r!["index"]!.GetValue<int>()));
        Assert.Equal("inactive device", rows[0]!["status"]!.GetValue<string>());
        Assert.Null(rows[0]!["capacity_bytes"]);
        Assert.Equal("DR", rows[2]!["state"]!.GetValue<string>());
        Assert.Contains("OSTs not in the lfs df output of /mnt: 9", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lfs_that_fails_without_output_fails_the_task_with_its_error()
    {
        var dir = _mount.Path;
        var lfs = new RecordedLfs().Answer($"lfs df -v {dir}", "", 2, "lfs df: cannot find the Lustre mount point\n");
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => new OstMonitorTask(lfs).RunAsync(Context(new JsonObject { ["path"] = dir }), CancellationToken.None));
        Assert.Contains($"'lfs df -v {dir}' exited with code 2: lfs df: cannot find the Lustre mount point", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("osts", "0-3,x", "input 'osts': index list '0-3,x': 'x' at position 5")]
    [InlineData("lfs", " ", "input 'lfs' is empty")]
    public async Task Bad_inputs_are_refused_before_lfs_runs(string input, string value, string expected)
    {
        var lfs = new RecordedLfs();
        var error = await Assert.ThrowsAsync<TaskInputException>(() =>
            new OstMonitorTask(lfs).RunAsync(Context(new JsonObject { ["path"] = _mount.Path, [input] = value }), CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(lfs.Calls);
    }
}
