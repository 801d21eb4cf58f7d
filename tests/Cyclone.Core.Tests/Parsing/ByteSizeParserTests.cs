using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public class ByteSizeParserTests
{
    [Theory]
    [InlineData("512", 512L << 20)]
    [InlineData("0", 0L)]
    [InlineData("1", 1L << 20)]
    public void Bare_number_means_megabytes(string text, long bytes) =>
        Assert.Equal(bytes, ByteSizeParser.Parse(text));

    [Theory]
    [InlineData("1K", 1024L)]
    [InlineData("3M", 3L << 20)]
    [InlineData("4G", 4L << 30)]
    [InlineData("2T", 2L << 40)]
    [InlineData("4g", 4L << 30)]
    [InlineData("16k", 16L << 10)]
    public void Unit_suffix_is_a_power_of_1024_case_insensitive(string text, long bytes) =>
        Assert.Equal(bytes, ByteSizeParser.Parse(text));

    [Theory]
    [InlineData("4GB", 4L << 30)]
    [InlineData("4GiB", 4L << 30)]
    [InlineData("1KB", 1024L)]
    [InlineData("1kib", 1024L)]
    [InlineData("100B", 100L)]
    [InlineData(" 8G ", 8L << 30)]
    public void Trailing_b_or_ib_is_accepted(string text, long bytes) =>
        Assert.Equal(bytes, ByteSizeParser.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("G")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("+1G")]
    public void Size_not_starting_with_a_whole_number_is_rejected(string? text)
    {
        Assert.False(ByteSizeParser.TryParse(text, out var bytes, out var error));
        Assert.Equal(0, bytes);
        Assert.Contains("whole number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4X")]
    [InlineData("1.5G")]
    [InlineData("4 G")]
    [InlineData("4P")]
    [InlineData("4GG")]
    public void Unknown_unit_is_rejected_naming_the_known_ones(string text)
    {
        Assert.False(ByteSizeParser.TryParse(text, out _, out var error));
        Assert.Contains("unknown unit", error, StringComparison.Ordinal);
        Assert.Contains("K, M, G or T", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5iB")]
    [InlineData("5ib")]
    [InlineData("5BB")]
    [InlineData("5BiB")]
    public void B_or_ib_without_a_unit_letter_before_it_is_rejected(string text)
    {
        Assert.False(ByteSizeParser.TryParse(text, out var bytes, out var error));
        Assert.Equal(0, bytes);
        Assert.Contains("unknown unit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8388608T")] // (long.MaxValue >> 40) + 1
    [InlineData("9223372036854775807")] // bare megabytes overflow
    public void Size_beyond_long_is_rejected_as_too_large(string text)
    {
        Assert.False(ByteSizeParser.TryParse(text, out _, out var error));
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Largest_terabyte_count_that_fits_is_accepted() =>
        Assert.Equal(8388607L << 40, ByteSizeParser.Parse("8388607T"));

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_error()
    {
        var ex = Assert.Throws<FormatException>(() => ByteSizeParser.Parse("4X"));
        Assert.Contains("'4X'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1023L, "1023B")]
    [InlineData(1024L, "1K")]
    [InlineData(1536L, "1.5K")]
    [InlineData(512L << 20, "512M")]
    [InlineData((15L << 30) + (512L << 20), "15.5G")]
    [InlineData(3L << 40, "3T")]
    [InlineData(2048L << 40, "2048T")]
    public void Format_uses_the_largest_binary_unit_with_one_decimal(long bytes, string expected) =>
        Assert.Equal(expected, ByteSizeParser.Format(bytes));

    [Theory]
    [InlineData("1K")]
    [InlineData("512M")]
    [InlineData("4G")]
    [InlineData("2T")]
    public void Formatted_whole_size_parses_back_to_the_same_bytes(string text)
    {
        var bytes = ByteSizeParser.Parse(text);
        Assert.Equal(bytes, ByteSizeParser.Parse(ByteSizeParser.Format(bytes)));
    }

    [Fact]
    public void An_error_about_a_huge_size_quotes_only_its_start()
    {
        // found by fuzzing: the whole input was quoted
        Assert.False(ByteSizeParser.TryParse(string.Concat(Enumerable.Repeat("PB", 1 << 19)), out _, out var error));
        Assert.True(error.Length < 500, $"{error.Length} characters");
    }
}
