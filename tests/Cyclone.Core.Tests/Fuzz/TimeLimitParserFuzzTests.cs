using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class TimeLimitParserFuzzTests
{
    [Fact]
    public void Any_text_is_a_limit_or_a_short_error_and_Parse_throws_only_FormatException() =>
        PropertyFuzz.Check("TimeLimitParser any text", FuzzText.Of(":", "-", "UNLIMITED", "infinite", "0", " "), text =>
        {
            if (TimeLimitParser.TryParse(text, out var limit, out var error))
            {
                Assert.True(limit is null || (limit > TimeSpan.Zero && limit.Value.Ticks % TimeSpan.TicksPerSecond == 0), $"'{PropertyFuzz.Shorten(text)}' parsed to {limit}");
                Assert.Equal(limit, TimeLimitParser.Parse(text));
            }
            else
            {
                PropertyFuzz.AssertMessage(error, $"'{PropertyFuzz.Shorten(text)}'");
                Assert.Equal(error, Assert.Throws<FormatException>(() => TimeLimitParser.Parse(text)).Message);
            }
        }, 3_000);

    [Fact]
    public void A_formatted_limit_parses_back_to_the_same_limit() =>
        PropertyFuzz.Check(
            "TimeLimitParser round trip",
            Arb.From(Gen.Frequency(
                (1, Gen.Constant(0L)),
                (4, Gen.Choose(1, 100_000).Select(s => (long)s)),
                (4, Gen.Zip(Gen.Choose(0, 5_000_000), Gen.Choose(0, 86_399)).Select(d => (d.Item1 * 86_400L) + d.Item2)))),
            seconds =>
            {
                TimeSpan? limit = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
                var text = TimeLimitParser.Format(limit);
                Assert.True(TimeLimitParser.TryParse(text, out var back, out var error), $"{limit} formatted as '{text}': {error}");
                Assert.Equal(limit, back);
            },
            2_000);

    [Fact]
    public void Each_Slurm_form_means_its_days_hours_minutes_and_seconds() =>
        PropertyFuzz.Check(
            "TimeLimitParser Slurm forms",
            Arb.From(Gen.Zip(Gen.Zip(Gen.Choose(0, 999), Gen.Choose(0, 99)), Gen.Zip(Gen.Zip(Gen.Choose(0, 99), Gen.Choose(0, 99)), Gen.Choose(0, 5)))),
            input =>
            {
                var ((d, h), ((m, s), form)) = input;
                var (text, seconds) = form switch
                {
                    0 => ($"{m}", m * 60L),
                    1 => ($"{m}:{s}", (m * 60L) + s),
                    2 => ($"{h}:{m}:{s}", (h * 3600L) + (m * 60) + s),
                    3 => ($"{d}-{h}", (d * 86_400L) + (h * 3600)),
                    4 => ($"{d}-{h}:{m}", (d * 86_400L) + (h * 3600) + (m * 60)),
                    _ => ($"{d}-{h}:{m}:{s}", (d * 86_400L) + (h * 3600) + (m * 60) + s),
                };
                Assert.True(TimeLimitParser.TryParse(text, out var limit, out var error), $"'{text}': {error}");
                Assert.Equal(seconds == 0 ? null : TimeSpan.FromSeconds(seconds), limit);
            },
            2_000);
}
