using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public sealed class RangeSetParserTests
{
    [Theory]
    [InlineData("0-15,20,32-47", "0-15,20,32-47", 33)]
    [InlineData("7", "7", 1)]
    [InlineData("0-6/2", "0,2,4,6", 4)]
    [InlineData("0-7/2,1-7/2", "0-7", 8)]
    [InlineData(" 3 , 1-2 ", "1-3", 3)]
    [InlineData("007,008", "7-8", 2)]
    public void Valid_lists_are_read_and_printed_in_normal_form(string text, string normal, long count)
    {
        var set = RangeSetParser.Parse(text);
        Assert.Equal(normal, set.ToString());
        Assert.Equal(count, set.Count);
    }

    [Theory]
    [InlineData("3,1-4,2", "1-4")]
    [InlineData("10-20,15-30,31", "10-31")]
    [InlineData("5,5,5", "5")]
    [InlineData("40-47,0-15,32-39,20", "0-15,20,32-47")]
    public void Overlapping_repeated_and_adjacent_items_merge(string text, string normal)
    {
        Assert.Equal(normal, RangeSetParser.Parse(text).ToString());
        Assert.Equal(RangeSetParser.Parse(normal), RangeSetParser.Parse(text));
    }

    [Theory]
    [InlineData("0-15,x,20", "'x' at position 6")]
    [InlineData("0-15,,20", "empty item at position 6")]
    [InlineData("1,", "empty item at position 3")]
    [InlineData("9-3", "'9-3' at position 1 runs backwards; write it as 3-9")]
    [InlineData("0-4/0", "step of '0-4/0' at position 1")]
    [InlineData("1-2-3", "'1-2-3' at position 1")]
    [InlineData("4/2", "'4/2' at position 1")]
    [InlineData("-1", "'-1' at position 1")]
    [InlineData("0,2000000", "'2000000' at position 3")]
    [InlineData("[0-3]", "'[0-3]' at position 1")]
    public void Bad_lists_are_refused_with_the_position_and_the_item(string text, string expected)
    {
        Assert.False(RangeSetParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => RangeSetParser.Parse(text));
    }

    [Fact]
    public void An_empty_list_is_refused()
    {
        Assert.False(RangeSetParser.TryParse("  ", out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_range_costs_one_range_and_a_stepped_flood_is_capped()
    {
        var all = RangeSetParser.Parse("0-1000000");
        Assert.Equal(1_000_001, all.Count);
        Assert.Single(all.Ranges);
        Assert.False(RangeSetParser.TryParse("0-1000000/2", out _, out var error));
        Assert.Contains("longer than 100000 separate ranges", error, StringComparison.Ordinal);
        Assert.False(RangeSetParser.TryParse(new string('1', RangeSetParser.MaxLength + 1), out _, out error));
        Assert.Contains("characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Membership_and_enumeration_follow_the_ranges()
    {
        var set = RangeSetParser.Parse("0-3,10,20-21");
        Assert.True(set.Contains(0));
        Assert.True(set.Contains(10));
        Assert.True(set.Contains(21));
        Assert.False(set.Contains(4));
        Assert.False(set.Contains(22));
        Assert.Equal([0, 1, 2, 3, 10, 20, 21], set.Indices());
        Assert.Equal("", RangeSet.Empty.ToString());
    }
}
