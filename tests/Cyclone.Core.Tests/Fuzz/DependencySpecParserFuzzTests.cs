using Cyclone.Core.Dependencies;
using Cyclone.Core.Parsing;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class DependencySpecParserFuzzTests
{
    private static readonly (DependencyKind Kind, string Wire)[] Kinds =
        [(DependencyKind.AfterOk, "afterok"), (DependencyKind.AfterAny, "afterany"), (DependencyKind.AfterNotOk, "afternotok")];

    [Fact]
    public void Any_text_is_a_list_of_dependencies_or_a_short_error() =>
        PropertyFuzz.Check("DependencySpecParser any text", FuzzText.Of("afterok", "afterany", "afternotok", "AfterOk", "after", ":", ",", " "), text =>
        {
            if (DependencySpecParser.TryParse(text, out var dependencies, out var error))
            {
                Assert.NotEmpty(dependencies);
                Assert.All(dependencies, d => Assert.True(d.JobId >= 0 && Enum.IsDefined(d.Kind), $"'{PropertyFuzz.Shorten(text)}' gave {d}"));
            }
            else
            {
                PropertyFuzz.AssertMessage(error, $"'{PropertyFuzz.Shorten(text)}'");
            }
        }, 3_000);

    [Fact]
    public void Written_dependencies_parse_back_in_order() =>
        PropertyFuzz.Check(
            "DependencySpecParser round trip",
            Arb.From(Gen.NonEmptyListOf(Gen.Zip(Gen.Elements(Kinds), Gen.NonEmptyListOf(Gen.Choose(0, int.MaxValue))))),
            clauses =>
            {
                var text = string.Join(',', clauses.Select(c => $"{c.Item1.Wire}:{string.Join(':', c.Item2)}"));
                Assert.True(DependencySpecParser.TryParse(text, out var dependencies, out var error), $"'{text}': {error}");
                Assert.Equal(clauses.SelectMany(c => c.Item2.Select(id => (c.Item1.Kind, (long)id))), dependencies);
            },
            1_000);
}
