using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class ByteSizeParserFuzzTests
{
    private static readonly (string Unit, int Shift)[] Units =
        [("", 20), ("B", 0), ("K", 10), ("M", 20), ("G", 30), ("T", 40), ("KB", 10), ("KiB", 10), ("mb", 20), ("MiB", 20), ("gib", 30), ("TB", 40)];

    [Fact]
    public void Any_text_is_a_size_or_a_short_error_and_Parse_throws_only_FormatException() =>
        PropertyFuzz.Check("ByteSizeParser any text", FuzzText.Of("K", "M", "G", "T", "B", "KB", "KiB", "iB", "ib", "BB", "P", " "), text =>
        {
            if (ByteSizeParser.TryParse(text, out var bytes, out var error))
            {
                Assert.True(bytes >= 0, $"'{PropertyFuzz.Shorten(text)}' parsed to {bytes} bytes");
                Assert.Equal(bytes, ByteSizeParser.Parse(text));
            }
            else
            {
                PropertyFuzz.AssertMessage(error, $"'{PropertyFuzz.Shorten(text)}'");
                Assert.Equal(error, Assert.Throws<FormatException>(() => ByteSizeParser.Parse(text)).Message);
            }
        }, 3_000);

    [Fact]
    public void A_whole_number_with_a_unit_is_that_many_units_or_too_large() =>
        PropertyFuzz.Check(
            "ByteSizeParser number and unit",
            Arb.From(Gen.Zip(Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 3)), Gen.Elements(Units))),
            input =>
            {
                var ((n, scale), (unit, shift)) = input;
                var number = (long)n << (scale * 8); // up to 2^55: past what the largest units allow
                var text = $" {FuzzText.Invariant(number)}{unit} ";
                var fits = number <= long.MaxValue >> shift;
                Assert.True(ByteSizeParser.TryParse(text, out var bytes, out var error) == fits, $"'{text}': {error}");
                Assert.Equal(fits ? number << shift : 0, bytes);
            },
            2_000);

    [Fact]
    public void Any_byte_count_formats_with_a_unit() =>
        PropertyFuzz.Check("ByteSizeParser format", ArbMap.Default.ArbFor<long>(), bytes =>
        {
            var text = ByteSizeParser.Format(Math.Abs(bytes % (1L << 50)));
            Assert.True(text.Length is > 1 and < 12 && "BKMGT".Contains(text[^1], StringComparison.Ordinal), text);
        }, 1_000);
}
