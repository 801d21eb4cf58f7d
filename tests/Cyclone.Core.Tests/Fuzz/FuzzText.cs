using System.Globalization;
using Cyclone.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>
/// Text for the parser fuzzers: mostly the parser's own tokens and numbers (so that inputs get deep into it), mixed
/// with characters that have broken parsers elsewhere, now and then blown up to a megabyte.
/// </summary>
internal static class FuzzText
{
    /// <summary>About the size of the huge inputs.</summary>
    public const int HugeLength = 1 << 20;

    private static readonly string[] Odd =
    [
        "\0", "\t", "\n", "\r\n", " ", "\u00A0", "\u2007", "\u0663", "\uFF11", "\uD800", "\uDC00", "\U0001F600", "e\u0301", "\u0131", "\u00DF",
        "\u202E", "-", "+", ":", "%", ",", ".", "e", "E", "0x", "\u221E", "NaN", "-1", "\"", "\\", "/",
    ];

    /// <summary>Text built from <paramref name="tokens"/>, numbers and odd characters, with a shrinker.</summary>
    public static Arbitrary<string> Of(params string[] tokens) => Arb.From(Text(tokens), PropertyFuzz.ShrinkText);

    public static Gen<string> Text(string[] tokens)
    {
        var token = Gen.Frequency(
            (6, Gen.Elements(tokens)),
            (3, Number),
            (1, Gen.Elements(Odd)));
        var small = Gen.ListOf(token).Select(string.Concat);
        var huge = Gen.NonEmptyListOf(token).Select(parts => Huge(string.Concat(parts)));
        return Gen.Frequency((40, small), (1, huge));
    }

    /// <summary>Whole numbers as text: small ones, ones near the limits of int and long, and runs of digits past every range.</summary>
    public static Gen<string> Number { get; } = Gen.Frequency(
        (5, Gen.Choose(0, 100).Select(Invariant)),
        (3, Gen.Choose(0, int.MaxValue).Select(Invariant)),
        (1, Gen.Elements("2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "10000000", "9999999", "100000", "0000000000000001")),
        (1, Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 9), n)).Select(d => string.Concat(d.Select(Invariant)))));

    /// <summary><paramref name="seed"/> repeated to about a megabyte.</summary>
    public static string Huge(string seed) =>
        seed.Length == 0 ? new string('9', HugeLength) : string.Concat(Enumerable.Repeat(seed, Math.Max(1, HugeLength / seed.Length)));

    public static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
