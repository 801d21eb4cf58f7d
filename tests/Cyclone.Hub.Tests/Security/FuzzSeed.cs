using System.Globalization;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// The fuzzers' seed: fixed, so that every run throws the same inputs and a failure reproduces; set
/// <c>CYCLONE_FUZZ_SEED</c> to explore others. Each endpoint gets its own stream, so adding one changes no other's inputs.
/// </summary>
internal static class FuzzSeed
{
    public const int Default = 20_251_107;

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CYCLONE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : Default;

    /// <summary>A random stream for <paramref name="key"/> under the seed (FNV-1a: string hash codes differ between processes).</summary>
    public static Random For(string key)
    {
        var hash = 2166136261u ^ (uint)Value;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random((int)hash);
    }
}
