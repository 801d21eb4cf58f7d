using System.Text;
using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class OutputPatternFuzzTests
{
    [Fact]
    public void Any_pattern_is_valid_or_gets_a_short_error_and_expands_without_throwing() =>
        PropertyFuzz.Check("OutputPattern any text", FuzzText.Of("%", "%j", "%n", "%t", "%%", "%x", "/", "out-", ".log", " "), pattern =>
        {
            if (OutputPattern.Validate(pattern) is { } error)
            {
                PropertyFuzz.AssertMessage(error, $"'{PropertyFuzz.Shorten(pattern)}'");
            }

            Assert.NotNull(OutputPattern.Expand(pattern, long.MaxValue, int.MaxValue, int.MinValue));
        }, 3_000);

    [Fact]
    public void A_valid_pattern_expands_each_placeholder_to_its_value() =>
        PropertyFuzz.Check(
            "OutputPattern round trip",
            Arb.From(Gen.Zip(Gen.NonEmptyListOf(Gen.Elements("%j", "%n", "%t", "%%", "out", "/", "-", ".log", "\u00E9")), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 9999)))),
            input =>
            {
                var (parts, (job, node)) = input;
                var pattern = string.Concat(parts);
                var expected = new StringBuilder();
                foreach (var part in parts)
                {
                    expected.Append(part switch { "%j" => FuzzText.Invariant(job), "%n" => FuzzText.Invariant(node), "%t" => "7", "%%" => "%", _ => part });
                }

                Assert.Null(OutputPattern.Validate(pattern));
                Assert.Equal(expected.ToString(), OutputPattern.Expand(pattern, job, node, 7));
            },
            1_000);
}
