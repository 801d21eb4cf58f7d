using System.Globalization;
using System.Text;

namespace Cyclone.Core.Parsing;

/// <summary>
/// A set of non-negative indices kept as sorted, disjoint, non-adjacent ranges, written as ClusterShell writes
/// a range set without brackets: <c>0-15,20,32-47</c>. Read one with <see cref="RangeSetParser"/>; two sets
/// with the same members are equal and print the same.
/// </summary>
public sealed class RangeSet : IEquatable<RangeSet>
{
    private readonly (int First, int Last)[] _ranges;

    /// <summary>Takes ranges in any order, overlapping or not, and keeps them merged.</summary>
    public RangeSet(IEnumerable<(int First, int Last)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sorted = ranges.OrderBy(r => r.First).ToList();
        var merged = new List<(int First, int Last)>(sorted.Count);
        foreach (var (first, last) in sorted)
        {
            if (first < 0 || last < first)
            {
                throw new ArgumentException($"range {first}-{last} is not a range of non-negative indices", nameof(ranges));
            }

            if (merged.Count > 0 && (long)merged[^1].Last + 1 >= first)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        _ranges = [.. merged];
        Count = merged.Sum(r => (long)r.Last - r.First + 1);
    }

    /// <summary>The set with no members.</summary>
    public static RangeSet Empty { get; } = new([]);

    /// <summary>The members as sorted, disjoint, non-adjacent ranges.</summary>
    public IReadOnlyList<(int First, int Last)> Ranges => _ranges;

    /// <summary>How many indices the set holds.</summary>
    public long Count { get; }

    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Whether <paramref name="index"/> is a member.</summary>
    public bool Contains(int index)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (index < _ranges[mid].First)
            {
                hi = mid - 1;
            }
            else if (index > _ranges[mid].Last)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every member, in increasing order.</summary>
    public IEnumerable<int> Indices()
    {
        foreach (var (first, last) in _ranges)
        {
            for (long i = first; i <= last; i++)
            {
                yield return (int)i;
            }
        }
    }

    /// <summary>The set as text: <c>0-15,20,32-47</c>; the empty set is the empty string.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (first, last) in _ranges)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(first.ToString(CultureInfo.InvariantCulture));
            if (last != first)
            {
                text.Append('-').Append(last.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public bool Equals(RangeSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as RangeSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in _ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }
}
