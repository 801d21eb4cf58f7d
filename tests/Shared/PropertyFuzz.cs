using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Cyclone.Tests.Shared;

/// <summary>
/// Property-based fuzzing with FsCheck, deterministic by seed: every property draws from its own stream, fixed by
/// <c>CYCLONE_FUZZ_SEED</c> (default <see cref="DefaultSeed"/>) and the property's name, so a failure reproduces and adding a
/// property changes no other's inputs. <c>CYCLONE_FUZZ_SCALE</c> multiplies every test count (for longer runs).
/// A failure names the seed, the input FsCheck first found and the one it shrank to. Linked into the test projects (tests/Shared).
/// </summary>
internal static class PropertyFuzz
{
    public const int DefaultSeed = 20_251_107;

    /// <summary>Longest error message any parser may give, whatever its input.</summary>
    public const int MaxMessageLength = 2_000;

    public static int Seed { get; } = EnvInt("CYCLONE_FUZZ_SEED", DefaultSeed);

    public static int Scale { get; } = Math.Max(1, EnvInt("CYCLONE_FUZZ_SCALE", 1));

    /// <summary>Checks <paramref name="property"/> on <paramref name="tests"/> inputs of <paramref name="inputs"/>; it fails by throwing.</summary>
    public static void Check<T>(string name, Arbitrary<T> inputs, Action<T> property, int tests)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(tests * Scale)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(Stream(name), FSharpOption<int>.None)));
        try
        {
            Prop.ForAll(inputs, property).Check(config);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException(
                $"property '{name}' failed with seed {Seed} (set CYCLONE_FUZZ_SEED={Seed} to reproduce):\n{ShortenLines(ex.Message)}");
        }
    }

    /// <summary>Asserts that an error message is there, says something, and stays short however large the input was.</summary>
    public static void AssertMessage(string? message, string context)
    {
        Xunit.Assert.False(string.IsNullOrWhiteSpace(message), $"{context}: the error message is empty");
        Xunit.Assert.True(message.Length < MaxMessageLength, $"{context}: the error message has {message.Length} characters: {Shorten(message, 300)}");
    }

    public static string Shorten(string? text, int max = 300) =>
        text is null ? "(null)" : text.Length <= max ? text : text[..max] + $"… ({text.Length} characters)";

    /// <summary>Smaller versions of a text for FsCheck to try: empty, each half, and without one character when short.</summary>
    public static IEnumerable<string> ShrinkText(string text)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        yield return "";
        if (text.Length > 1)
        {
            yield return text[..(text.Length / 2)];
            yield return text[(text.Length / 2)..];
        }

        if (text.Length <= 64)
        {
            for (var i = 0; i < text.Length; i++)
            {
                yield return text.Remove(i, 1);
            }
        }
    }

    /// <summary>The property's own random stream under the seed (FNV-1a: string hash codes differ between processes).</summary>
    private static Rnd Stream(string name)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)Seed;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new Rnd(hash, 0x9E3779B97F4A7C15UL); // gamma must be odd
    }

    private static string ShortenLines(string text) =>
        string.Join('\n', text.Split('\n').Take(40).Select(line => Shorten(line, 1_000)));

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
