using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class ArraySpecParserFuzzTests
{
    [Fact]
    public void Any_text_is_an_array_of_distinct_indices_in_range_or_a_short_error() =>
        PropertyFuzz.Check("ArraySpecParser any text", FuzzText.Of("-", ",", ":", "%", "0-99999", "0-10000000", " "), text =>
        {
            if (ArraySpecParser.TryParse(text, out var spec, out var error))
            {
                var where = $"'{PropertyFuzz.Shorten(text)}'";
                Assert.NotNull(spec);
                Assert.InRange(spec.Indices.Count, 1, ArraySpecParser.MaxElements);
                Assert.True(spec.Indices.Zip(spec.Indices.Skip(1)).All(p => p.First < p.Second), $"{where}: indices not ascending and distinct");
                Assert.True(spec.Indices[0] >= 0 && spec.Indices[^1] <= ArraySpecParser.MaxIndex, $"{where}: index out of range");
                Assert.True(spec.MaxRunning is null or >= 1, $"{where}: %{spec.MaxRunning}");
            }
            else
            {
                Assert.Null(spec);
                PropertyFuzz.AssertMessage(error, $"'{PropertyFuzz.Shorten(text)}'");
            }
        }, 2_000);

    [Fact]
    public void Written_ranges_parse_to_exactly_their_indices() =>
        PropertyFuzz.Check(
            "ArraySpecParser round trip",
            Arb.From(Gen.Zip(
                Gen.NonEmptyListOf(Gen.Zip(Gen.Zip(Gen.Choose(0, ArraySpecParser.MaxIndex), Gen.Choose(0, 50)), Gen.Choose(1, 7))),
                Gen.Choose(0, 20))),
            input =>
            {
                var (ranges, limit) = input;
                var expected = new SortedSet<int>();
                var parts = new List<string>();
                foreach (var ((first, span), step) in ranges)
                {
                    var last = Math.Min(first + span, ArraySpecParser.MaxIndex);
                    parts.Add(span == 0 ? FuzzText.Invariant(first) : step == 1 ? $"{first}-{last}" : $"{first}-{last}:{step}");
                    for (var i = first; i <= last; i += span == 0 ? 1 : step)
                    {
                        expected.Add(i);
                    }
                }

                var text = string.Join(',', parts) + (limit == 0 ? "" : $"%{limit}");
                Assert.True(ArraySpecParser.TryParse(text, out var spec, out var error), $"'{text}': {error}");
                Assert.Equal(expected, spec!.Indices);
                Assert.Equal(limit == 0 ? null : limit, spec.MaxRunning);
            },
            1_000);

    [Fact]
    public void A_megabyte_of_overlapping_ranges_is_answered_at_once() =>
        PropertyFuzz.Check("ArraySpecParser overlapping ranges", Arb.From(Gen.Elements("0-99999", "1-99999", "0-10000000:100", "5")), part =>
        {
            var text = FuzzText.Huge(part + ",");
            var accepted = ArraySpecParser.TryParse(text[..^1], out var spec, out var error);
            Assert.True(accepted || error.Length > 0);
            Assert.True(spec is null || spec.Indices.Count <= ArraySpecParser.MaxElements);
        }, 12);
}
