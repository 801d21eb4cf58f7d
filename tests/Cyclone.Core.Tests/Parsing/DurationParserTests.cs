using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("1h30m", 90)]
    [InlineData(" 90m ", 90)]
    public void Parts_with_units_add_up(string text, int minutes)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("30x")]
    [InlineData("1000001d")]
    public void Text_that_is_no_duration_is_refused(string text) =>
        Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void A_sum_past_the_largest_duration_is_refused_not_thrown()
    {
        // found by fuzzing: TimeSpan addition threw OverflowException (callers: token lifetimes, timer intervals)
        Assert.False(DurationParser.TryParse(string.Concat(Enumerable.Repeat("1000000d", 16)), out _));
    }
}
