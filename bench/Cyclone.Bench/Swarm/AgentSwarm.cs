using Grpc.Net.Client;

namespace Cyclone.Bench.Swarm;

/// <summary>
/// Many <see cref="SimulatedAgent"/>s in this process, named <c>sim-0000</c> on, each on its own gRPC stream. The streams
/// share HTTP/2 connections (h2c), <see cref="AgentsPerChannel"/> to a channel of exactly one connection: the hub's Kestrel
/// allows 100 concurrent streams per connection by default, and a stream over the limit would wait, not fail.
/// </summary>
public sealed class AgentSwarm : IAsyncDisposable
{
    public const int AgentsPerChannel = 50;

    /// <summary>How many agents register at once.</summary>
    private const int StartConcurrency = 32;

    private readonly List<GrpcChannel> _channels;
    private readonly SimulatedAgent?[] _agents;

    private AgentSwarm(List<GrpcChannel> channels, int count)
    {
        _channels = channels;
        _agents = new SimulatedAgent?[count];
    }

    public SwarmLedger Ledger { get; } = new();

    public int Count => _agents.Length;

    public int Channels => _channels.Count;

    /// <summary>Outcomes reported that the hub has not acknowledged yet, over all agents.</summary>
    public long Unacknowledged => _agents.Sum(a => a?.Unacknowledged ?? 0);

    /// <summary>Why streams ended early, by reason (none in a healthy run).</summary>
    public IReadOnlyDictionary<string, int> EndedEarly =>
        _agents.Where(a => a?.Ended is not null).GroupBy(a => a!.Ended!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public static string NameOf(int index) => $"sim-{index:0000}";

    /// <summary>Starts <paramref name="count"/> agents against the hub's gRPC port; returns once every one is welcomed.</summary>
    public static async Task<AgentSwarm> StartAsync(int grpcPort, string token, int count, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{grpcPort}");
        var channels = Enumerable.Range(0, (count + AgentsPerChannel - 1) / AgentsPerChannel).Select(_ => OpenChannel(address)).ToList();
        var swarm = new AgentSwarm(channels, count);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, token2) =>
                swarm._agents[i] = await SimulatedAgent.StartAsync(channels[i / AgentsPerChannel], token, NameOf(i), swarm.Ledger, token2));
            return swarm;
        }
        catch
        {
            await swarm.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every agent leaves (all at once, each bounded), then the connections are closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_agents.Where(a => a is not null).Select(a => a!.DisposeAsync().AsTask()));
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private static GrpcChannel OpenChannel(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false, // one connection per channel: the streams per connection are known
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
