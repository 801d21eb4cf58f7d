using System.Globalization;

namespace Cyclone.Core.Parsing;

/// <summary>Durations as people write them: numbers with units <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, combined (<c>1h30m</c>, <c>30d</c>).</summary>
public static class DurationParser
{
    /// <summary>Reads <paramref name="text"/>; false when it is not such a duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.Trim().AsSpan();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                return false;
            }

            var part = span[digits] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => TimeSpan.MinValue,
            };
            if (part < TimeSpan.Zero || part > TimeSpan.MaxValue - duration)
            {
                return false; // no unit, or a sum past the largest duration
            }

            duration += part;

            span = span[(digits + 1)..];
        }

        return true;
    }
}
