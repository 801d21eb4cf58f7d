using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Tests.Fuzz;

/// <summary>Job submissions drawn from a seeded <see cref="Random"/>: each field valid, at a limit, just past it, or garbage.</summary>
internal static class FuzzSubmissions
{
    private static readonly int[] Ints = [0, 1, 2, -1, 100, 101, 1024, 1025, 10_000, 10_001, 1_000_000, 1_000_001, int.MaxValue, int.MinValue];

    private static readonly string?[] Texts =
    [
        null, "", " ", "x", "\0", "\u202E\uD800", "4G", "512", "1:30", "UNLIMITED", "0-9", "0-99999%10", "0-100000", "1,3,5-7:2", "afterok:1",
        "afterok:1:2,afterany:3", "afternotok", "out-%j-%n-%t.log", "%q", "/tmp", "relative", "/a\0b", "a=b", "99999999999999999999T",
    ];

    public static SubmitJobRequest Any(Random rng) => new()
    {
        Command = rng.Next(8) switch
        {
            0 => null,
            1 => [],
            2 => [""],
            3 => ["/bin/echo", "a\0b"],
            4 => Enumerable.Repeat("a", rng.Next(2) == 0 ? 4096 : 4097).ToList(),
            5 => ["/bin/echo", new string('x', rng.Next(2) == 0 ? 262_140 : 262_145)],
            6 => ["/", "dir/"],
            _ => ["/bin/echo", "hi"],
        },
        Name = rng.Next(4) == 0 ? new string('n', rng.Next(195, 205)) : Pick(rng, Texts),
        Nodes = Pick(rng, Ints),
        ProcsPerNode = Pick(rng, Ints),
        CpusPerProc = Pick(rng, Ints),
        Gpus = Pick(rng, Ints),
        Retries = Pick(rng, Ints),
        Priority = Pick(rng, Ints),
        Memory = Text(rng),
        TimeLimit = Text(rng),
        Labels = rng.Next(3) == 0 ? null : Enumerable.Range(0, rng.Next(70)).Select(i => rng.Next(10) == 0 ? Pick(rng, Texts)! : $"l{i}").ToList(),
        WorkingDirectory = Text(rng),
        Environment = rng.Next(3) == 0 ? null : Enumerable.Range(0, rng.Next(5)).Select(i => (rng.Next(6) == 0 ? Pick(rng, Texts) ?? "" : $"V{i}", Text(rng)!))
            .DistinctBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
        OutputPattern = Text(rng),
        ErrorPattern = Text(rng),
        Array = Text(rng),
        Dependency = Text(rng),
        Defer = rng.Next(2) == 0,
    };

    /// <summary>One of <see cref="Texts"/>, sometimes a megabyte of it.</summary>
    private static string? Text(Random rng)
    {
        var text = Pick(rng, Texts);
        return text is { Length: > 0 } && rng.Next(30) == 0 ? string.Concat(Enumerable.Repeat(text + ",", (1 << 20) / (text.Length + 1))) : text;
    }

    private static T Pick<T>(Random rng, T[] choices) => choices[rng.Next(choices.Length)];
}
