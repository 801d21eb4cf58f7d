namespace Cyclone.Protocol.Rest;

/// <summary>
/// A runner (agent) announcing itself before it opens its stream: its name, host, slots, and optionally what it has.
/// The hub checks it as it checks a stream registration and lists the runner (DOWN until its stream is open).
/// </summary>
public sealed class RunnerRegisterRequest
{
    public string? Name { get; set; }

    public string? Host { get; set; }

    public int Slots { get; set; }

    public int Cores { get; set; }

    public long MemoryBytes { get; set; }

    public int Gpus { get; set; }

    public IReadOnlyList<string>? Labels { get; set; }

    public string? Version { get; set; }
}
