using Cyclone.Tasks.Builtin.Lustre;

namespace Cyclone.Tasks.Tests.Builtin.Lustre;

public sealed class LfsFindParserTests
{
    [Fact]
    public void Recorded_find_output_gives_one_path_a_line()
    {
        Assert.Equal([".", "./test8"], LfsFindParser.Parse(Fixtures.Read("lfs-find.tfs3.txt")));
        var paths = LfsFindParser.Parse(Fixtures.Read("lfs-find.lab105-mdt1.txt"));
        Assert.Equal(5, paths.Count);
        Assert.Equal("/mnt/testdir1/dir2/b8904", paths[^1]);
    }

    [Fact]
    public void Print0_output_keeps_names_with_newlines_and_spaces()
    {
        Assert.Equal(["/l/a b", "/l/odd\nname"], LfsFindParser.Parse("/l/a b\0/l/odd\nname\0"));
        Assert.Empty(LfsFindParser.Parse(""));
    }
}
