using Cyclone.Core.Dependencies;
using Cyclone.Core.Parsing;

namespace Cyclone.Core.Tests.Parsing;

public sealed class ArraySpecParserTests
{
    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 }, null)]
    [InlineData("0-99%10", null, 10)]
    [InlineData("1,3,5-7", new[] { 1, 3, 5, 6, 7 }, null)]
    [InlineData("0-15:4%2", new[] { 0, 4, 8, 12 }, 2)]
    [InlineData("7", new[] { 7 }, null)]
    public void Slurm_array_forms_are_understood(string text, int[]? indices, int? max)
    {
        Assert.True(ArraySpecParser.TryParse(text, out var spec, out var error), error);
        if (indices is not null)
        {
            Assert.Equal(indices, spec!.Indices);
        }
        else
        {
            Assert.Equal(100, spec!.Indices.Count);
        }

        Assert.Equal(max, spec.MaxRunning);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("5-2", "'5-2'")]
    [InlineData("0-9%0", "%0")]
    [InlineData("a", "'a'")]
    [InlineData("0-2000000", "more than")]
    public void Bad_arrays_are_refused_with_the_part_that_is_wrong(string text, string expected)
    {
        Assert.False(ArraySpecParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependencies_list_every_job_with_its_kind()
    {
        Assert.True(DependencySpecParser.TryParse("afterok:12:13,afternotok:14", out var deps, out _));
        Assert.Equal([(DependencyKind.AfterOk, 12L), (DependencyKind.AfterOk, 13L), (DependencyKind.AfterNotOk, 14L)], deps);
    }

    [Theory]
    [InlineData("after:12", "'after'")]
    [InlineData("afterok", "names no job")]
    [InlineData("afterok:x", "'x'")]
    public void Bad_dependencies_are_refused(string text, string expected)
    {
        Assert.False(DependencySpecParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_element_array_is_accepted_in_order()
    {
        Assert.True(ArraySpecParser.TryParse("0-999999", out var spec, out _));
        Assert.Equal(1_000_000, spec!.Indices.Count);
        Assert.Equal((0, 999_999), (spec.Indices[0], spec.Indices[^1]));
    }

    [Fact]
    public void Overlapping_ranges_give_each_index_once_in_order()
    {
        Assert.True(ArraySpecParser.TryParse("5-7,1,6-9:2,1", out var spec, out _));
        Assert.Equal([1, 5, 6, 7, 8], spec!.Indices);
    }

    [Fact]
    public void A_megabyte_of_repeated_ranges_is_refused_without_walking_every_repeat()
    {
        // found by fuzzing: each repeat of 0-99999 was walked again, about 20 minutes for this input
        var text = string.Join(',', Enumerable.Repeat("0-99999", 131_072));
        Assert.False(ArraySpecParser.TryParse(text, out _, out var error));
        Assert.Contains("more than 1000000 indices", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void An_error_about_a_huge_array_quotes_only_its_start()
    {
        // found by fuzzing: the whole input was quoted, twice
        var text = string.Concat(Enumerable.Repeat("92233720368547758070-99999", 40_000));
        Assert.False(ArraySpecParser.TryParse(text, out _, out var error));
        Assert.True(error.Length < 500, $"{error.Length} characters");
        Assert.Contains("(1040000 characters)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_about_a_huge_dependency_quotes_only_its_start()
    {
        // found by fuzzing: the whole input was quoted, twice
        Assert.False(DependencySpecParser.TryParse(new string('9', 1 << 20), out _, out var error));
        Assert.True(error.Length < 500, $"{error.Length} characters");
    }
}
