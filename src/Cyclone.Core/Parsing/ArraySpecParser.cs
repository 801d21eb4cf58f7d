using System.Globalization;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Parses Slurm's <c>--array</c> syntax: comma-separated indices and ranges with an optional step
/// (<c>0-15:4</c>), then an optional <c>%N</c> limit on elements running at once: <c>0-99%10</c>, <c>1,3,5-7</c>.
/// </summary>
public static class ArraySpecParser
{
    /// <summary>Largest array accepted.</summary>
    public const int MaxElements = 1_000_000;

    /// <summary>Largest index accepted.</summary>
    public const int MaxIndex = 10_000_000;

    public static bool TryParse(string? text, out ArraySpec? spec, out string error)
    {
        spec = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the array is empty; write indices such as 0-99 or 1,3,5-7, optionally with %N";
            return false;
        }

        var body = text.Trim();
        int? max = null;
        var percent = body.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            if (!int.TryParse(body.AsSpan(percent + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            {
                error = $"'{Excerpt.Of(body[percent..])}' in array '{Excerpt.Of(text)}' must be % followed by a positive number of elements to run at once";
                return false;
            }

            max = limit;
            body = body[..percent];
        }

        var indices = new List<int>();
        var listed = 0; // repeats count too: overlapping ranges must not make the work grow past the limit
        foreach (var part in body.Split(','))
        {
            if (!TryRange(part.Trim(), out var first, out var last, out var step))
            {
                error = $"'{Excerpt.Of(part)}' in array '{Excerpt.Of(text)}' is not an index, a range a-b or a stepped range a-b:s of indices from 0 to {MaxIndex}";
                return false;
            }

            for (long i = first; i <= last; i += step)
            {
                indices.Add((int)i);
                if (++listed > MaxElements)
                {
                    error = $"array '{Excerpt.Of(text)}' lists more than {MaxElements} indices (repeats count too)";
                    return false;
                }
            }
        }

        indices.Sort();
        var distinct = new List<int>(indices.Count);
        foreach (var i in indices)
        {
            if (distinct.Count == 0 || distinct[^1] != i)
            {
                distinct.Add(i);
            }
        }

        spec = new ArraySpec(distinct, max);
        return true;
    }

    private static bool TryRange(string part, out int first, out int last, out int step)
    {
        first = last = 0;
        step = 1;
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!Number(part[(colon + 1)..], out step) || step < 1)
            {
                return false;
            }

            part = part[..colon];
        }

        var dash = part.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return colon < 0 && Number(part, out first) && Number(part, out last);
        }

        return Number(part[..dash], out first) && Number(part[(dash + 1)..], out last) && first <= last;
    }

    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaxIndex;
}
