using System.Globalization;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Parses memory sizes as Slurm writes them: a whole number with an optional unit K, M, G or T
/// (powers of 1024, an optional trailing B or iB). A bare number means megabytes, as in Slurm's <c>--mem</c>.
/// </summary>
public static class ByteSizeParser
{
    /// <summary>Parses <paramref name="text"/> into bytes.</summary>
    /// <exception cref="FormatException">The text is not a size; the message says why.</exception>
    public static long Parse(string text) =>
        TryParse(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    /// <summary>Parses without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = string.Empty;
        var t = text?.Trim() ?? string.Empty;
        var end = 0;
        while (end < t.Length && char.IsAsciiDigit(t[end]))
        {
            end++;
        }

        if (end == 0 || !long.TryParse(t.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"size '{Excerpt.Of(t)}' must start with a whole number, e.g. 512M or 4G";
            return false;
        }

        var unit = t[end..].ToUpperInvariant();
        if (unit.Length > 1 && "KMGT".Contains(unit[0], StringComparison.Ordinal) && unit[1..] is "B" or "IB")
        {
            unit = unit[..1]; // KB, KiB, ... (a bare "iB" or "BB" is no unit)
        }

        int shift = unit switch
        {
            "" or "M" => 20,
            "B" => 0,
            "K" => 10,
            "G" => 30,
            "T" => 40,
            _ => -1,
        };
        if (shift < 0)
        {
            error = $"size '{Excerpt.Of(t)}' has an unknown unit '{Excerpt.Of(t[end..])}'; use K, M, G or T";
            return false;
        }

        if (n > (long.MaxValue >> shift))
        {
            error = $"size '{Excerpt.Of(t)}' is too large";
            return false;
        }

        bytes = n << shift;
        return true;
    }

    /// <summary>Formats bytes with the largest binary unit that keeps one decimal, e.g. <c>15.5G</c>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "K", "M", "G", "T"];
        double v = bytes;
        var i = 0;
        while (v >= 1024 && i < units.Length - 1)
        {
            v /= 1024;
            i++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{v:0.#}{units[i]}");
    }
}
