using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Tests.Shared;

/// <summary>
/// Random configurations for the options fuzzers: some of the given keys, each set to a value that fits its kind, one
/// of another kind, an extreme, or garbage, as an in-memory configuration. Linked into the test projects (tests/Shared).
/// </summary>
internal static class ConfigFuzz
{
    private static readonly string[] Integers = ["0", "1", "-1", "80", "1023", "1024", "65535", "65536", "1000", "1001", "2147483647", "-2147483648", "99999999999", "1e3", "0x10", " 5 ", ""];

    private static readonly string[] Durations =
    [
        "00:00:00", "00:00:00.001", "00:00:01", "00:00:15", "00:00:00.500", "-00:00:01", "1.00:00:00", "24.20:31:23.648", "60.00:00:00",
        "10675199.02:48:05.4775807", "-10675199.02:48:05.4775808", "99999999.00:00:00", "1:2:3:4", "15", "15s", "P1D", "abc", "",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "127.0.0.1", "0.0.0.0", "localhost", "::1", "256.1.1.1", "not an address", "http://127.0.0.1:5080", "https://hub:1,http://x",
        "ftp://x", "http://", "/nonexistent/file.pem", "relative/file", "a\0b", "\u202E\uD800", "gpu,big-memory", "a b", ",,,", "true",
    ];

    /// <summary>A configuration of some of <paramref name="keys"/>, each with the kind of value it takes (<c>int</c>, <c>duration</c>, <c>text</c>, <c>bool</c>).</summary>
    public static Arbitrary<Dictionary<string, string?>> Of(params (string Key, string Kind)[] keys) =>
        Arb.From(
            Gen.CollectToArray(keys.Select(k => Gen.Frequency((2, Gen.Constant((string?)null)), (3, Value(k.Kind).Select(v => (string?)v))).Select(v => (k.Key, v))))
                .Select(pairs => pairs.Where(p => p.v is not null).ToDictionary(p => p.Key, p => p.v, StringComparer.OrdinalIgnoreCase)),
            config => config.Keys.Select(k => config.Where(p => p.Key != k).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)));

    public static IConfiguration Build(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    public static string Describe(Dictionary<string, string?> values) =>
        string.Join(", ", values.Select(p => $"{p.Key}={PropertyFuzz.Shorten(p.Value, 60)}"));

    private static Gen<string> Value(string kind)
    {
        var own = kind switch
        {
            "int" => Gen.Elements(Integers),
            "duration" => Gen.Elements(Durations),
            "bool" => Gen.Elements("true", "false", "yes", "1", ""),
            _ => Gen.Elements(Texts),
        };
        return Gen.Frequency(
            (6, own),
            (2, Gen.Elements([.. Integers, .. Durations, .. Texts])),
            (1, Gen.Elements(new string('x', 300), new string('9', 1 << 20), "/" + new string('p', 1 << 16))));
    }
}
