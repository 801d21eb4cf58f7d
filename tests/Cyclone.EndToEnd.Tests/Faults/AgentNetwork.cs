using System.Diagnostics;
using System.Globalization;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// A network namespace for one agent, joined to the host by a veth pair: the agent sits at 10.77.N.2 and reaches the
/// hub at 10.77.N.1, as on a real cluster. <see cref="Cut"/> takes the link down (a partition), <see cref="Restore"/>
/// brings it back. Root only.
/// </summary>
internal sealed class AgentNetwork : IDisposable
{
    private readonly string _hostLink;

    private AgentNetwork(int index, string tag)
    {
        Name = $"cyc{tag}-{index}";
        _hostLink = $"cyc{tag}h{index}";
        HubAddress = string.Create(CultureInfo.InvariantCulture, $"10.77.{index}.1");
    }

    public string Name { get; }

    /// <summary>The hub's address as seen from inside the namespace.</summary>
    public string HubAddress { get; }

    /// <summary>The command prefix that runs a program inside the namespace.</summary>
    public IReadOnlyList<string> Launcher => ["ip", "netns", "exec", Name];

    public static AgentNetwork Create(int index, string tag)
    {
        var network = new AgentNetwork(index, tag);
        var inner = $"cyc{tag}a{index}";
        Run("ip", "netns", "add", network.Name);
        Run("ip", "link", "add", network._hostLink, "type", "veth", "peer", "name", inner);
        Run("ip", "link", "set", inner, "netns", network.Name);
        Run("ip", "addr", "add", $"{network.HubAddress}/24", "dev", network._hostLink);
        Run("ip", "link", "set", network._hostLink, "up");
        Run("ip", "netns", "exec", network.Name, "ip", "addr", "add", $"10.77.{index}.2/24", "dev", inner);
        Run("ip", "netns", "exec", network.Name, "ip", "link", "set", inner, "up");
        Run("ip", "netns", "exec", network.Name, "ip", "link", "set", "lo", "up");
        return network;
    }

    /// <summary>Partitions the agent from the hub: packets are dropped, connections hang as on a cut cable.</summary>
    public void Cut() => Run("ip", "link", "set", _hostLink, "down");

    public void Restore() => Run("ip", "link", "set", _hostLink, "up");

    public void Dispose()
    {
        TryRun("ip", "link", "del", _hostLink);
        TryRun("ip", "netns", "del", Name);
    }

    private static void Run(string program, params string[] args)
    {
        var (code, error) = Exec(program, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {error}");
        }
    }

    private static void TryRun(string program, params string[] args) => Exec(program, args);

    private static (int Code, string Error) Exec(string program, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
