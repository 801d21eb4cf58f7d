using Cyclone.Tasks.Builtin.Lustre;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

public sealed class LfsDfParserTests
{
    [Fact]
    public void Recorded_nersc_output_gives_each_file_system_with_its_targets_and_summary()
    {
        var reports = LfsDfParser.Parse(Fixtures.Read("lfs-df.nersc-two-filesystems.txt"));
        Assert.Equal(["/scratch2", "/scratch3"], reports.Select(r => r.MountPoint));
        var scratch2 = reports[0];
        Assert.False(scratch2.Inodes);
        Assert.Equal(24, scratch2.Osts.Count());
        Assert.Equal(("MDT", 0), (scratch2.Mdts.Single().Kind, scratch2.Mdts.Single().Index));
        var ost10 = scratch2.Osts.Single(t => t.Index == 10);
        Assert.Equal("snx11035-OST000a_UUID", ost10.Uuid);
        Assert.Equal(new LfsUsage(90767651352L * 1024, 68046786932L * 1024, 21769522164L * 1024, 76), ost10.Usage);
        Assert.Equal(new LfsUsage(2178423632448L * 1024, 1590005655436L * 1024, 565502107932L * 1024, 74), scratch2.Summary);
        Assert.Equal(Enumerable.Range(0, 36), reports[1].Osts.Select(t => t.Index));
    }

    [Fact]
    public void The_newer_summary_label_and_several_mdts_are_read()
    {
        var report = Assert.Single(LfsDfParser.Parse(Fixtures.Read("lfs-df.lab105-two-mdts.txt")));
        Assert.Equal("/mnt", report.MountPoint);
        Assert.Equal([0, 1], report.Mdts.Select(t => t.Index));
        Assert.Equal(100298752L * 1024, report.Summary!.Total);
    }

    [Fact]
    public void Inode_output_of_three_file_systems_keeps_counts_and_ost_indices_that_start_above_zero()
    {
        var reports = LfsDfParser.Parse(Fixtures.Read("lfs-df-i.tfs-three-filesystems.txt"));
        Assert.Equal(["/mnt/lustre0/tfs1", "/mnt/lustre1/tfs2", "/mnt/lustre2/tfs3"], reports.Select(r => r.MountPoint));
        Assert.All(reports, r => Assert.True(r.Inodes));
        Assert.Equal([3, 4, 5], reports[0].Osts.Select(t => t.Index));
        Assert.Equal([2, 3], reports[2].Osts.Select(t => t.Index));
        Assert.Equal(new LfsUsage(655360, 434, 654926, 1), reports[0].Osts.First().Usage);
        Assert.Equal(new LfsUsage(1310513, 529, 1309984, 1), reports[2].Summary);
        Assert.Equal([1, 2], LfsDfParser.Parse(Fixtures.Read("lfs-df-i.phoenix.txt"))[0].Osts.Select(t => t.Index));
    }

    [Fact]
    public void Human_readable_figures_become_bytes_in_old_and_new_layouts()
    {
        var old = Assert.Single(LfsDfParser.Parse(Fixtures.Read("lfs-df-h.old-wiki-unbalanced.txt")));
        Assert.Equal("/mnt/lustre", old.MountPoint);
        var full = old.Osts.Single(t => t.Index == 2).Usage!;
        Assert.Equal((long)(2.0 * (1L << 30)), full.Total);
        Assert.Equal((long)System.Math.Round(155.1 * (1 << 20)), full.Available);
        Assert.Equal(86, full.UsePercent);
        Assert.Equal((long)System.Math.Round(11.8 * (1L << 30)), old.Summary!.Total);

        var current = Assert.Single(LfsDfParser.Parse(Fixtures.Read("lfs-df-h.lustrefs-six-osts.txt")));
        Assert.Equal([1, 2, 3, 4, 5, 6], current.Osts.Select(t => t.Index));
        Assert.Equal((long)System.Math.Round(222.9 * (1 << 20)), current.Summary!.Used);
    }

    [Fact]
    public void Inactive_and_unanswering_targets_take_their_index_from_the_uuid_and_state_letters_are_kept()
    {
        var report = Assert.Single(LfsDfParser.Parse(Fixtures.Read("lfs-df-v.inactive-and-flags.derived.txt")));
        var osts = report.Osts.ToList();
        Assert.Equal([0, 1, 2, 3, 4], osts.Select(t => t.Index));
        Assert.Equal([true, false, false, false, true], osts.Select(t => t.IsActive));
        Assert.Equal("inactive device", osts[1].Status);
        Assert.Equal("lustre-OST0002_UUID", osts[2].Uuid);
        Assert.Equal("Resource temporarily unavailable", osts[3].Status);
        Assert.Equal("DR", osts[4].State);
        Assert.Equal("", osts[0].State);
    }

    [Theory]
    [InlineData("fs-OST0000_UUID 1 2 3 4% /mnt[OST:0]\n", "line 1", "before any 'UUID ...' header")]
    [InlineData("UUID 1K-blocks Used Available Use% Mounted on\nfs-OST0000_UUID 1 x 3 4% /mnt[OST:0]\n", "line 2", "'x' is not a whole number")]
    [InlineData("UUID 1K-blocks Used Available Use% Mounted on\nsomething else\n", "line 2 ('something else')", "not a header")]
    [InlineData("UUID bytes Used Available Use% Mounted on\nfs-OST0000_UUID 1.0Q 2 3 4% /mnt[OST:0]\n", "line 2", "not a size")]
    [InlineData("UUID Inodes IUsed IFree IUse% Mounted on\nnothing-here : inactive device\n", "line 2", "names no MDT or OST")]
    public void Output_of_another_shape_is_refused_with_its_line(string output, string line, string why)
    {
        var error = Assert.Throws<FormatException>(() => LfsDfParser.Parse(output));
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_cut_before_the_summary_still_gives_its_targets()
    {
        var text = string.Join('\n', Fixtures.Read("lfs-df.lab105-two-mdts.txt").Split('\n').Take(4));
        var report = Assert.Single(LfsDfParser.Parse(text));
        Assert.Null(report.Summary);
        Assert.Equal("/mnt", report.MountPoint);
        Assert.Single(report.Osts);
    }
}
