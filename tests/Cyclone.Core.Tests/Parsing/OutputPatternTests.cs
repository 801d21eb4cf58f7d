using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public class OutputPatternTests
{
    [Theory]
    [InlineData("out-%j.log", "out-42.log")]
    [InlineData("node%n.txt", "node3.txt")]
    [InlineData("rank-%t", "rank-7")]
    [InlineData("100%%-%j", "100%-42")]
    [InlineData("%j-%n-%t", "42-3-7")]
    [InlineData("plain.log", "plain.log")]
    [InlineData("%%j", "%j")]
    public void Placeholders_expand_to_job_node_and_rank(string pattern, string expected)
    {
        Assert.Null(OutputPattern.Validate(pattern));
        Assert.Equal(expected, OutputPattern.Expand(pattern, jobId: 42, nodeIndex: 3, rank: 7));
    }

    [Theory]
    [InlineData("out-%x.log", 4)]
    [InlineData("%J", 0)]
    [InlineData("%A_%a", 0)]
    [InlineData("ok%%bad%q", 7)]
    [InlineData("trailing%", 8)]
    public void Unknown_or_dangling_placeholder_is_rejected_with_its_position(string pattern, int position)
    {
        var error = OutputPattern.Validate(pattern);
        Assert.NotNull(error);
        Assert.Contains($"position {position}", error, StringComparison.Ordinal);
        Assert.Contains("%j, %n, %t or %%", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_pattern_is_rejected(string pattern) =>
        Assert.Equal("output pattern is empty", OutputPattern.Validate(pattern));

    [Fact]
    public void Expand_leaves_an_unknown_placeholder_as_written() =>
        Assert.Equal("a%xb", OutputPattern.Expand("a%xb", 1, 0, 0));

    [Fact]
    public void Expand_keeps_a_trailing_percent() =>
        Assert.Equal("a1%", OutputPattern.Expand("a%j%", 1, 0, 0));

    [Fact]
    public void Each_placeholder_is_expanded_every_time_it_appears() =>
        Assert.Equal("9/9/9", OutputPattern.Expand("%j/%j/%j", 9, 0, 0));

    [Fact]
    public void An_error_about_a_huge_pattern_quotes_only_its_start()
    {
        // found by fuzzing: the whole input was quoted
        var error = OutputPattern.Validate(string.Concat(Enumerable.Repeat("%4228596", 131_072)));
        Assert.NotNull(error);
        Assert.True(error.Length < 500, $"{error.Length} characters");
    }
}
