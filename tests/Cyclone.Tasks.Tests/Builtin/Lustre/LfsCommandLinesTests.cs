using Cyclone.Core.Parsing;
using Cyclone.Tasks.Builtin.Lustre;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

public sealed class LfsCommandLinesTests
{
    private readonly LfsCommandLines _lfs = new("/usr/bin/lfs");

    [Fact]
    public void Df_asks_for_space_or_inodes_of_one_file_system_with_inactive_targets_listed()
    {
        Assert.Equal(["/usr/bin/lfs", "df", "-v", "/lustre"], _lfs.Df("/lustre", inodes: false));
        Assert.Equal(["/usr/bin/lfs", "df", "-i", "-v", "/lustre"], _lfs.Df("/lustre", inodes: true));
    }

    [Fact]
    public void Find_lists_regular_files_on_one_ost_nul_separated_with_an_optional_size()
    {
        Assert.Equal(["/usr/bin/lfs", "find", "/lustre/proj", "--ost", "12", "--type", "f", "--print0"], _lfs.FindOnOst("/lustre/proj", 12, null));
        Assert.Equal(
            ["/usr/bin/lfs", "find", "/lustre", "--ost", "0", "--type", "f", "--size", "+1G", "--print0"],
            _lfs.FindOnOst("/lustre", 0, "+1G"));
    }

    [Fact]
    public void Migrate_sets_the_stripe_count_the_target_osts_or_the_start_ost_and_ends_options_before_the_files()
    {
        string[] files = ["/lustre/a", "/lustre/-odd name"];
        Assert.Equal(["/usr/bin/lfs", "migrate", "-c", "1", "--", "/lustre/a", "/lustre/-odd name"], _lfs.Migrate(1, null, null, files));
        Assert.Equal(
            ["/usr/bin/lfs", "migrate", "-c", "2", "-o", "16-31,40", "--", "/lustre/a", "/lustre/-odd name"],
            _lfs.Migrate(2, RangeSetParser.Parse("40,16-31"), null, files));
        Assert.Equal(["/usr/bin/lfs", "migrate", "-c", "-1", "-i", "7", "--", "/lustre/a"], _lfs.Migrate(-1, null, 7, ["/lustre/a"]));
        Assert.Throws<ArgumentException>(() => _lfs.Migrate(1, RangeSetParser.Parse("1"), 7, files));
    }

    [Fact]
    public void The_program_defaults_to_lfs_on_the_path()
    {
        Assert.Equal("lfs", new LfsCommandLines().Df("/l", false)[0]);
        Assert.Throws<ArgumentException>(() => new LfsCommandLines(" "));
    }
}
