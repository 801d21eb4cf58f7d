using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class DurationParserFuzzTests
{
    private static readonly (char Unit, long Seconds)[] Units = [('s', 1), ('m', 60), ('h', 3600), ('d', 86_400)];

    [Fact]
    public void Any_text_is_a_duration_or_false_and_never_throws() =>
        PropertyFuzz.Check("DurationParser any text", FuzzText.Of("s", "m", "h", "d", "1000000d", "999999d", " "), text =>
        {
            if (DurationParser.TryParse(text, out var duration))
            {
                Assert.True(duration >= TimeSpan.Zero, $"'{PropertyFuzz.Shorten(text)}' parsed to {duration}");
            }
        }, 3_000);

    [Fact]
    public void Written_parts_parse_to_their_sum() =>
        PropertyFuzz.Check(
            "DurationParser round trip",
            Arb.From(Gen.NonEmptyListOf(Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Elements(Units)))),
            parts =>
            {
                var text = string.Concat(parts.Select(p => $"{p.Item1}{p.Item2.Unit}"));
                var total = parts.Sum(p => (decimal)p.Item1 * p.Item2.Seconds);
                var fits = total * TimeSpan.TicksPerSecond <= TimeSpan.MaxValue.Ticks;
                Assert.True(DurationParser.TryParse(text, out var duration) == fits, $"'{text}' ({total} s)");
                if (fits)
                {
                    Assert.Equal(TimeSpan.FromTicks((long)total * TimeSpan.TicksPerSecond), duration);
                }
            },
            1_000);
}
