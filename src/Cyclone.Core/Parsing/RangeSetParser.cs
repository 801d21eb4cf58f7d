using System.Globalization;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Reads index lists in ClusterShell's range-set notation without brackets, as Lustre tools take OST lists:
/// comma-separated items, each an index (<c>20</c>), a range (<c>0-15</c>) or a stepped range (<c>0-15/4</c>:
/// 0, 4, 8, 12). Overlapping and repeated items merge (<c>3,1-4,2</c> is <c>1-4</c>); leading zeros are allowed
/// and not kept. An error names the position (counting from 1) and the item that is wrong.
/// </summary>
/// <remarks>
/// Slurm's job-array syntax (<see cref="ArraySpecParser"/>) is a different grammar (<c>:</c> steps, a <c>%</c>
/// limit, an expanded list of indices); a range set stays ranges, so a large set costs no more than its text.
/// </remarks>
public static class RangeSetParser
{
    /// <summary>Largest index accepted.</summary>
    public const int MaxIndex = 1_000_000;

    /// <summary>Longest text accepted.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Most separate ranges a text may make (a stepped range makes one per member).</summary>
    public const int MaxRanges = 100_000;

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a range set; the message says where and why.</exception>
    public static RangeSet Parse(string? text) => TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    /// <summary>Reads <paramref name="text"/> without throwing; <paramref name="error"/> says where and why it is wrong.</summary>
    public static bool TryParse(string? text, out RangeSet set, out string error)
    {
        set = RangeSet.Empty;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the index list is empty; write indices such as 0-15,20,32-47";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"the index list has {text.Length} characters; at most {MaxLength} are allowed";
            return false;
        }

        var ranges = new List<(int First, int Last)>();
        var start = 0;
        while (start <= text.Length)
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            if (!TryItem(text, start, end, ranges, out error))
            {
                error = $"index list '{Excerpt.Of(text)}': {error}";
                return false;
            }

            start = end + 1;
        }

        set = new RangeSet(ranges);
        return true;
    }

    private static bool TryItem(string text, int start, int end, List<(int First, int Last)> ranges, out string error)
    {
        error = string.Empty;
        while (start < end && text[start] == ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        var item = text[start..end];
        var at = $"position {start + 1}";
        if (item.Length == 0)
        {
            error = $"an empty item at {at}; items are separated by single commas";
            return false;
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var span = slash < 0 ? item : item[..slash];
        var dash = span.IndexOf('-', StringComparison.Ordinal);
        if (!Number(dash < 0 ? span : span[..dash], out var first) ||
            !Number(dash < 0 ? span : span[(dash + 1)..], out var last) ||
            (slash >= 0 && dash < 0))
        {
            error = $"'{Excerpt.Of(item)}' at {at} is not an index, a range a-b or a stepped range a-b/s of indices from 0 to {MaxIndex}";
            return false;
        }

        if (last < first)
        {
            error = $"the range '{Excerpt.Of(item)}' at {at} runs backwards; write it as {last}-{first}";
            return false;
        }

        var step = 1;
        if (slash >= 0 && (!Number(item[(slash + 1)..], out step) || step < 1))
        {
            error = $"the step of '{Excerpt.Of(item)}' at {at} must be a whole number of at least 1";
            return false;
        }

        if (step == 1)
        {
            ranges.Add((first, last));
        }
        else
        {
            for (long i = first; i <= last; i += step)
            {
                ranges.Add(((int)i, (int)i));
                if (ranges.Count > MaxRanges)
                {
                    error = $"the stepped range '{Excerpt.Of(item)}' at {at} makes the list longer than {MaxRanges} separate ranges";
                    return false;
                }
            }
        }

        if (ranges.Count > MaxRanges)
        {
            error = $"the list has more than {MaxRanges} items (at {at})";
            return false;
        }

        return true;
    }

    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaxIndex;
}
