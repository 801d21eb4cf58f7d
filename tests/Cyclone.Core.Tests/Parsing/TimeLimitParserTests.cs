using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public class TimeLimitParserTests
{
    [Theory]
    [InlineData("90", 0, 1, 30, 0)] // minutes
    [InlineData("5", 0, 0, 5, 0)]
    [InlineData("5:30", 0, 0, 5, 30)] // minutes:seconds
    [InlineData("90:15", 0, 1, 30, 15)]
    [InlineData("2:03:04", 0, 2, 3, 4)] // hours:minutes:seconds
    [InlineData("1-2", 1, 2, 0, 0)] // days-hours
    [InlineData("1-2:30", 1, 2, 30, 0)] // days-hours:minutes
    [InlineData("3-04:05:06", 3, 4, 5, 6)] // days-hours:minutes:seconds
    [InlineData("0-1", 0, 1, 0, 0)]
    [InlineData(" 10 ", 0, 0, 10, 0)]
    public void Slurm_format_parses_to_its_duration(string text, int days, int hours, int minutes, int seconds) =>
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), TimeLimitParser.Parse(text));

    [Fact]
    public void Single_number_means_minutes_not_seconds_or_hours() =>
        Assert.Equal(TimeSpan.FromMinutes(1), TimeLimitParser.Parse("1"));

    [Fact]
    public void Two_fields_without_days_mean_minutes_and_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(62), TimeLimitParser.Parse("1:2"));

    [Fact]
    public void Two_fields_after_days_mean_hours_and_minutes() =>
        Assert.Equal(TimeSpan.FromDays(1) + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2), TimeLimitParser.Parse("1-1:2"));

    [Theory]
    [InlineData("UNLIMITED")]
    [InlineData("unlimited")]
    [InlineData("infinite")]
    [InlineData("INFINITE")]
    [InlineData("0")]
    [InlineData("0:00:00")]
    [InlineData("0-0")]
    public void Unlimited_forms_parse_to_no_limit(string text)
    {
        Assert.True(TimeLimitParser.TryParse(text, out var limit, out var error));
        Assert.Null(limit);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_time_limit_is_rejected_as_empty(string? text)
    {
        Assert.False(TimeLimitParser.TryParse(text, out var limit, out var error));
        Assert.Null(limit);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1:2:3:4")]
    [InlineData("1-2:3:4:5")]
    [InlineData("5-")]
    [InlineData("1-2-3")]
    [InlineData("1.5")]
    [InlineData("+5")]
    [InlineData("1::2")]
    [InlineData("1h")]
    [InlineData("99999999999999999999")]
    public void Malformed_time_limit_is_rejected_naming_the_formats(string text)
    {
        Assert.False(TimeLimitParser.TryParse(text, out var limit, out var error));
        Assert.Null(limit);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains("d-h:m:s", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_limit_beyond_what_a_timespan_holds_is_rejected_as_too_large()
    {
        Assert.False(TimeLimitParser.TryParse("9999999-0", out var limit, out var error));
        Assert.Null(limit);
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Largest_accepted_field_still_parses()
    {
        Assert.True(TimeLimitParser.TryParse("9999999", out var limit, out _));
        Assert.Equal(TimeSpan.FromMinutes(9_999_999), limit);
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_error()
    {
        var ex = Assert.Throws<FormatException>(() => TimeLimitParser.Parse("1:2:3:4"));
        Assert.Contains("'1:2:3:4'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "UNLIMITED")]
    [InlineData("00:00:05", "00:00:05")]
    [InlineData("02:03:04", "02:03:04")]
    [InlineData("1.02:03:04", "1-02:03:04")]
    [InlineData("10.00:00:00", "10-00:00:00")]
    public void Format_prints_the_way_slurm_does(string? limit, string expected) =>
        Assert.Equal(expected, TimeLimitParser.Format(limit is null ? null : TimeSpan.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("UNLIMITED")]
    [InlineData("00:00:59")]
    [InlineData("23:59:59")]
    [InlineData("1-00:00:00")]
    [InlineData("7-12:30:05")]
    public void Formatted_limit_parses_back_to_itself(string text) =>
        Assert.Equal(text, TimeLimitParser.Format(TimeLimitParser.Parse(text)));

    [Fact]
    public void An_error_about_a_huge_time_limit_quotes_only_its_start()
    {
        // found by fuzzing: the whole input was quoted
        Assert.False(TimeLimitParser.TryParse(string.Concat(Enumerable.Repeat(":-0x UNLIMITED", 75_000)), out _, out var error));
        Assert.True(error.Length < 500, $"{error.Length} characters");
    }
}
