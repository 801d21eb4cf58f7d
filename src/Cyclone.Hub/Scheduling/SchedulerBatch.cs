using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// What one pass of the scheduler loop has to make durable and then send. Reused between passes.
/// </summary>
internal sealed class SchedulerBatch
{
    public SchedulerEffects Effects { get; } = new();

    /// <summary>Messages to send before anything else of this pass (welcomes, rejections).</summary>
    public List<(AgentConnection Connection, HubMessage Message)> First { get; } = [];

    /// <summary>Per connection, the highest outcome sequence number handled in this pass.</summary>
    public Dictionary<AgentConnection, long> Acks { get; } = [];

    public Dictionary<string, AgentRecord> AgentUpserts { get; } = new(StringComparer.Ordinal);

    /// <summary>Streams to close after sending.</summary>
    public List<AgentConnection> Closes { get; } = [];

    /// <summary>Callers waiting until this pass is durable.</summary>
    public List<TaskCompletionSource> Completions { get; } = [];

    public int Commands { get; set; }

    /// <summary>Commands that change nothing the cluster view shows but heartbeat times (heartbeats, ticks).</summary>
    public int QuietCommands { get; set; }

    /// <summary>True when the pass only renewed heartbeats: the published view may wait.</summary>
    public bool OnlyQuiet => Commands == QuietCommands && Effects.IsEmpty && AgentUpserts.Count == 0 && First.Count == 0 && Closes.Count == 0;

    public void Clear()
    {
        Effects.Clear();
        First.Clear();
        Acks.Clear();
        AgentUpserts.Clear();
        Closes.Clear();
        Completions.Clear();
        Commands = 0;
        QuietCommands = 0;
    }
}
