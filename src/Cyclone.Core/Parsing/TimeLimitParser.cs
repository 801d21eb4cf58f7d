using System.Globalization;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Parses time limits in Slurm's formats: <c>minutes</c>, <c>minutes:seconds</c>,
/// <c>hours:minutes:seconds</c>, <c>days-hours</c>, <c>days-hours:minutes</c> and
/// <c>days-hours:minutes:seconds</c>. <c>0</c>, <c>UNLIMITED</c> and <c>infinite</c> mean no limit.
/// </summary>
public static class TimeLimitParser
{
    /// <summary>Parses <paramref name="text"/>; <c>null</c> result means unlimited.</summary>
    /// <exception cref="FormatException">The text is not a Slurm time limit; the message says why.</exception>
    public static TimeSpan? Parse(string text)
    {
        if (!TryParse(text, out var limit, out var error))
        {
            throw new FormatException(error);
        }

        return limit;
    }

    /// <summary>Parses <paramref name="text"/> without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out TimeSpan? limit, out string error)
    {
        limit = null;
        error = string.Empty;
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            error = "time limit is empty; use minutes, h:m:s or d-h:m:s";
            return false;
        }

        if (t.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase) || t.Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        long days = 0;
        var rest = t;
        var dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!TryNumber(t[..dash], out days))
            {
                return Fail(t, out error);
            }

            rest = t[(dash + 1)..];
        }

        var parts = rest.Split(':');
        var numbers = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryNumber(parts[i], out numbers[i]))
            {
                return Fail(t, out error);
            }
        }

        long seconds;
        if (dash >= 0)
        {
            // days-hours, days-hours:minutes, days-hours:minutes:seconds
            seconds = parts.Length switch
            {
                1 => numbers[0] * 3600,
                2 => (numbers[0] * 3600) + (numbers[1] * 60),
                3 => (numbers[0] * 3600) + (numbers[1] * 60) + numbers[2],
                _ => -1,
            };
        }
        else
        {
            // minutes, minutes:seconds, hours:minutes:seconds
            seconds = parts.Length switch
            {
                1 => numbers[0] * 60,
                2 => (numbers[0] * 60) + numbers[1],
                3 => (numbers[0] * 3600) + (numbers[1] * 60) + numbers[2],
                _ => -1,
            };
        }

        if (seconds < 0)
        {
            return Fail(t, out error);
        }

        seconds += days * 86400;
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            error = $"time limit '{Excerpt.Of(t)}' is too large";
            return false;
        }

        limit = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Formats a limit the way Slurm prints one: <c>[d-]hh:mm:ss</c>, or <c>UNLIMITED</c>.</summary>
    public static string Format(TimeSpan? limit)
    {
        if (limit is not { } l)
        {
            return "UNLIMITED";
        }

        return l.Days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Days}-{l.Hours:00}:{l.Minutes:00}:{l.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{l.Hours:00}:{l.Minutes:00}:{l.Seconds:00}");
    }

    private static bool TryNumber(string s, out long value) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value < 10_000_000;

    private static bool Fail(string t, out string error)
    {
        error = $"time limit '{Excerpt.Of(t)}' is not in a Slurm format: minutes, m:s, h:m:s, d-h, d-h:m or d-h:m:s";
        return false;
    }
}
