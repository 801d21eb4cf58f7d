using System.Threading.Channels;
using Cyclone.Protocol.Agent;

namespace Cyclone.Hub.Agents;

/// <summary>
/// One agent's live stream: who it said it is, and the queue of messages the hub sends it.
/// The scheduler loop writes to the queue; the stream's writer task drains it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The token source has no timer; it may be cancelled by the loop after the stream ended, so it is never disposed.")]
public sealed class AgentConnection
{
    /// <summary>
    /// Most messages queued for a stream. An agent reads what it is sent at once; a stream that lets this many pile up
    /// does not, and is closed rather than let the hub's memory grow without end (its work is redispatched when its lease runs out).
    /// </summary>
    public const int MaxQueued = 1_000;

    private readonly Channel<HubMessage> _outbound = Channel.CreateBounded<HubMessage>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _closed = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long TaskId, int Attempt), byte> _attempts = new();

    public AgentConnection(Register register, string peer, DateTimeOffset connectedAt)
    {
        Name = register.Name;
        Host = register.Host;
        Cores = register.Cores;
        Version = register.Version;
        AllocationEndsAt = register.AllocationEndsUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(register.AllocationEndsUnixMs) : null;
        Peer = peer;
        ConnectedAt = connectedAt;
    }

    public string Name { get; }

    public string Host { get; }

    public int Cores { get; }

    public string Version { get; }

    /// <summary>When a pilot agent (one inside a Slurm job) leaves, shortly before its allocation ends; null for an agent without an end.</summary>
    public DateTimeOffset? AllocationEndsAt { get; }

    /// <summary>The remote address of the stream.</summary>
    public string Peer { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The token the stream was opened with (null for a stream opened without one, in tests of the loop).</summary>
    public long? TokenId { get; init; }

    /// <summary>When that token expires: the stream is cut off then.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Cancelled when the hub closes this stream.</summary>
    public CancellationToken Closed => _closed.Token;

    internal ChannelReader<HubMessage> Outbound => _outbound.Reader;

    /// <summary>Records that this agent runs (or ran) an attempt: its output is accepted from this stream.</summary>
    public void Allow(long taskId, int attempt) => _attempts.TryAdd((taskId, attempt), 0);

    /// <summary>Whether output of an attempt is accepted from this stream: only of attempts leased to this agent.</summary>
    public bool MayWriteOutput(long taskId, int attempt) => _attempts.ContainsKey((taskId, attempt));

    /// <summary>Queues a message; false once the stream is closed, or when <see cref="MaxQueued"/> are waiting (the stream is closed then).</summary>
    public bool Send(HubMessage message)
    {
        if (_outbound.Writer.TryWrite(message))
        {
            return true;
        }

        Close();
        return false;
    }

    /// <summary>Ends the stream after the queued messages are written.</summary>
    public void Close()
    {
        if (_outbound.Writer.TryComplete())
        {
            _closed.Cancel();
        }
    }
}
