using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Building blocks of malformed input, all drawn from a seeded <see cref="Random"/> so that a failure reproduces:
/// hostile strings, JSON text of any shape, deep nesting, random bytes, extreme numbers.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>Strings that have broken parsers elsewhere: control characters, lone surrogates, injections, numbers past every range.</summary>
    private static readonly string[] Hostile =
    [
        "\0", "\0\0abc", "\u202Eevil", "\uFEFF", "\uD800", "\uDC00x", "😀", "e\u0301", "\u00A0", "\t\r\n", "%00", "%s%n%x",
        "../../etc/passwd", "'; DROP TABLE jobs; --", "\" OR 1=1 --", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "99999999999999999999999G",
        "-1", "1e400", "0-2147483647%0", "afterok:99999999999999999999", "*/0 * * * *", "61 25 32 13 8", "9999-99-99T99:99:99Z",
        "P99999999Y", "1-2-3:4:5:6", "-0:-0:-0", "∞", "NaN", "{}", "[", "\\", "\"", "/", "cyc_", "Bearer x",
    ];

    /// <summary>Characters that no name, role or identifier the hub accepts may contain.</summary>
    private static readonly string[] Spoilers = [" ", "\0", "\u0001", "é", "\u202E", "\uD800", "\u007F", "\n"];

    /// <summary>How many of <see cref="BadIntegers"/> (the first) are JSON numbers.</summary>
    public const int NumericBadIntegers = 10;

    /// <summary>Numbers that fit no integer field: beyond double, beyond int64 and int32, fractions, and JSON that is not a number at all.</summary>
    public static readonly string[] BadIntegers =
    [
        "1e400", "-1e400", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "1.5", "1e-400", "0.0000001",
        "99999999999999999999999999999999999999", "true", "\"abc\"", "\"1e400\"", "[]", "{}", "\"\"", "\" \"", "01", "NaN", "Infinity", "0x10", "+1",
    ];

    /// <summary>A string no name, role or identifier check lets through (it always holds a spoiler character), sometimes very long.</summary>
    public static string HostileString(Random rng, bool mayBeLong = true)
    {
        var text = new StringBuilder();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            text.Append(Hostile[rng.Next(Hostile.Length)]);
        }

        text.Insert(rng.Next(text.Length + 1), Spoilers[rng.Next(Spoilers.Length)]);
        return (mayBeLong ? rng.Next(10) : 9) switch
        {
            0 => text.Append('x', 300).ToString(),
            1 => text.Append('y', 70_000).ToString(),
            _ => text.ToString(),
        };
    }

    /// <summary>A JSON string literal; lone surrogates become \u escapes (they have no UTF-8 form), other characters are written as they are.</summary>
    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                json.Append(c).Append(text[++i]);
            }
            else if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>Any JSON value, nested at most <paramref name="depth"/> levels (well inside every parser's limit).</summary>
    public static string AnyJson(Random rng, int depth = 6)
    {
        var pick = depth <= 0 ? rng.Next(4) : rng.Next(7);
        return pick switch
        {
            0 => Quote(HostileString(rng, mayBeLong: false)),
            1 => rng.Next(3) == 0 ? BadIntegers[rng.Next(NumericBadIntegers)] : rng.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            2 => rng.Next(2) == 0 ? "true" : "false",
            3 => "null",
            4 or 5 => "[" + string.Join(',', Enumerable.Range(0, rng.Next(4)).Select(_ => AnyJson(rng, depth - 1))) + "]",
            _ => "{" + string.Join(',', Enumerable.Range(0, rng.Next(4)).Select(i => $"{Quote($"x-{i}-{HostileString(rng, mayBeLong: false)}")}:{AnyJson(rng, depth - 1)}")) + "}",
        };
    }

    /// <summary>A value of the wrong JSON type for a property of <paramref name="type"/> (null is never one: most properties take it).</summary>
    public static string WrongTypeFor(string type, Random rng)
    {
        string[] choices = type switch
        {
            "integer" => BadIntegers,
            "boolean" => ["\"yes\"", "\"true\"", "1", "0", "[]", "{}", "\"\""],
            "array" => [Quote(HostileString(rng)), "42", "{}", "true", "{\"0\":\"x\"}"],
            "object" => [Quote(HostileString(rng)), "42", "[]", "true", "[[\"k\",\"v\"]]"],
            _ => ["42", "-1", "1e400", "true", "false", "[]", "{}", "[\"x\"]", "{\"x\":\"y\"}"],
        };
        return choices[rng.Next(choices.Length)];
    }

    /// <summary><paramref name="depth"/> levels of <paramref name="open"/> around <paramref name="inner"/>, each closed by <paramref name="close"/>.</summary>
    public static string Nest(string open, string inner, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>Random bytes that are never valid JSON.</summary>
    public static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return IsJson(bytes) ? [(byte)'}', .. bytes] : bytes;
    }

    public static bool IsJson(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
