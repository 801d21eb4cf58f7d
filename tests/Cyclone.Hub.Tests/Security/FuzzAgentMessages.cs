using Cyclone.Protocol.Agent;
using Google.Protobuf;
using static Cyclone.Hub.Tests.Security.FuzzInputs;

namespace Cyclone.Hub.Tests.Security;

/// <summary>Agent-stream messages for the fuzzers: registrations that must be rejected, and garbage for after a valid one.</summary>
internal static class FuzzAgentMessages
{
    /// <summary>Ways to spoil a registration, each enough for the hub to reject it.</summary>
    private static readonly (string What, Action<Register> Spoil)[] Spoilers =
    [
        ("an empty name", r => r.Name = ""),
        ("a blank name", r => r.Name = " \t "),
        ("a 100,000-character name", r => r.Name = new string('n', 100_000)),
        ("a name with a NUL", r => r.Name = "fz\0agent"),
        ("a name with a newline", r => r.Name = "fz\nagent"),
        ("a 300-character host", r => r.Host = new string('h', 300)),
        ("0 slots", r => r.Slots = 0),
        ("-1 slots", r => r.Slots = -1),
        ("int.MaxValue slots", r => r.Slots = int.MaxValue),
        ("int.MinValue slots", r => r.Slots = int.MinValue),
        ("100,001 slots", r => r.Slots = 100_001),
        ("negative memory", r => r.MemoryBytes = -1),
        ("long.MinValue memory", r => r.MemoryBytes = long.MinValue),
        ("negative GPUs", r => r.Gpus = -1),
        ("10,000 labels", r => r.Labels.AddRange(Enumerable.Range(0, 10_000).Select(i => $"l{i}"))),
        ("an empty label", r => r.Labels.Add("")),
        ("a blank label", r => r.Labels.Add("   ")),
        ("a 101-character label", r => r.Labels.Add(new string('l', 101))),
    ];

    public static Register Valid(string name) => new() { Name = name, Host = "fuzz-host", Slots = 4, Cores = 4, MemoryBytes = 1L << 30, Version = "fuzz" };

    /// <summary>First messages the hub must answer with Rejected: not a Register, every spoiler alone, then random mixes.</summary>
    public static IEnumerable<(string What, AgentMessage First)> Rejectable(Random rng, int randomCount)
    {
        yield return ("an empty message", new AgentMessage());
        yield return ("Ask first", new AgentMessage { Ask = new Ask() });
        yield return ("Heartbeat first", Heartbeat(rng));
        yield return ("Output first", Output(rng));
        yield return ("Outcomes first", Outcomes(rng));
        yield return ("Leaving first", new AgentMessage { Leaving = new Leaving { HandBack = true } });
        foreach (var (what, spoil) in Spoilers)
        {
            var register = Valid($"fz-rejected-{what.Replace(' ', '-')}");
            spoil(register);
            yield return ($"Register with {what}", new AgentMessage { Register = register });
        }

        for (var i = 0; i < randomCount; i++)
        {
            var register = Valid($"fz-rejected-{i}");
            var spoilers = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Spoilers[rng.Next(Spoilers.Length)]).ToList();
            spoilers.ForEach(s => s.Spoil(register));
            register.Cores = rng.Next(int.MinValue, int.MaxValue);
            register.Version = HostileString(rng, mayBeLong: false);
            register.Running.Add(Refs(rng));
            register.Finished.Add(Outcomes(rng).Outcomes.Outcomes);
            yield return ($"Register with {string.Join(", ", spoilers.Select(s => s.What))} and random rest", new AgentMessage { Register = register });
        }
    }

    /// <summary>Anything an agent could send after registering, except Leaving: the hub must ignore what does not apply.</summary>
    public static AgentMessage Garbage(Random rng) => rng.Next(6) switch
    {
        0 => new AgentMessage { Ask = new Ask() },
        1 => Heartbeat(rng),
        2 => Output(rng),
        3 => Outcomes(rng),
        4 => new AgentMessage { Register = Valid($"fz-again-{rng.Next(3)}") },
        _ => new AgentMessage(),
    };

    public static AgentMessage Heartbeat(Random rng)
    {
        var heartbeat = new Heartbeat();
        heartbeat.Running.Add(Refs(rng));
        return new AgentMessage { Heartbeat = heartbeat };
    }

    public static AgentMessage Output(Random rng)
    {
        var batch = new OutputBatch();
        for (var i = rng.Next(1, 6); i > 0; i--)
        {
            var data = new byte[rng.Next(0, 64 << 10)];
            rng.NextBytes(data);
            batch.Chunks.Add(new OutputChunk
            {
                TaskId = Id(rng), Attempt = rng.Next(int.MinValue, int.MaxValue), Rank = rng.Next(-5, 5),
                Stream = (OutputStream)rng.Next(-3, 5), Data = ByteString.CopyFrom(data),
            });
        }

        return new AgentMessage { Output = batch };
    }

    /// <summary>Outcomes of tasks that do not exist, some without the attempt they are about, of unknown kinds, with broken outputs.</summary>
    public static AgentMessage Outcomes(Random rng)
    {
        var batch = new OutcomeBatch();
        for (var i = rng.Next(1, 8); i > 0; i--)
        {
            batch.Outcomes.Add(new Outcome
            {
                Attempt = rng.Next(4) == 0 ? null : new AttemptRef { TaskId = Id(rng), Attempt = rng.Next(-2, 5), NodeIndex = rng.Next(-2, 3) },
                Kind = (OutcomeKind)rng.Next(-3, 10), ExitCode = rng.Next(int.MinValue, int.MaxValue), Message = HostileString(rng),
                Seq = rng.NextInt64(-1_000_000, 1_000_000), StartedUnixMs = rng.NextInt64(), EndedUnixMs = -rng.NextInt64(),
                OutputsJson = BrokenOutputs(rng),
            });
        }

        return new AgentMessage { Outcomes = batch };
    }

    /// <summary>Outputs a task could never have written: not JSON, too deep, not an object; or any JSON.</summary>
    public static string BrokenOutputs(Random rng) => rng.Next(5) switch
    {
        0 => "{\"n\": 1",
        1 => Nest("{\"a\":", "1", "}", 10_000),
        2 => HostileString(rng),
        3 => "[1,2,3]",
        _ => AnyJson(rng),
    };

    private static IEnumerable<AttemptRef> Refs(Random rng) => Enumerable.Range(0, rng.Next(0, 50))
        .Select(_ => new AttemptRef { TaskId = Id(rng), Attempt = rng.Next(int.MinValue, int.MaxValue), NodeIndex = rng.Next(-10, 10) });

    /// <summary>An id no task has: zero, negative, the extremes, or far past anything a test creates.</summary>
    private static long Id(Random rng) => rng.Next(5) switch
    {
        0 => 0,
        1 => -rng.NextInt64(1, long.MaxValue),
        2 => long.MaxValue,
        3 => long.MinValue,
        _ => rng.NextInt64(900_000_000, long.MaxValue),
    };
}
