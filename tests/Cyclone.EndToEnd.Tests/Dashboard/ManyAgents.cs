using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Protocol.Agent;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cyclone.EndToEnd.Tests.Dashboard;

/// <summary>
/// Many agents registered with a real hub over its gRPC port, each a stream that says who it is and then sends
/// heartbeats (no process behind it): the hub sees them as it would real agents. Disposing closes every stream.
/// </summary>
internal sealed class ManyAgents : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly List<AsyncDuplexStreamingCall<AgentMessage, HubMessage>> _calls;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeats;
    private readonly HashSet<AsyncDuplexStreamingCall<AgentMessage, HubMessage>> _broken = [];

    private ManyAgents(GrpcChannel channel, List<AsyncDuplexStreamingCall<AgentMessage, HubMessage>> calls)
    {
        _channel = channel;
        _calls = calls;
        _heartbeats = BeatAsync(_stop.Token);
    }

    /// <summary>Registers <paramref name="count"/> agents named <c>{prefix}-0000</c>, ... with 4 slots each.</summary>
    public static async Task<ManyAgents> ConnectAsync(TestCluster cluster, string prefix, int count)
    {
        var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{cluster.GrpcPort}",
            new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var headers = new Metadata { { "authorization", $"Bearer {cluster.AgentToken}" } };
        var client = new AgentHub.AgentHubClient(channel);
        var calls = new List<AsyncDuplexStreamingCall<AgentMessage, HubMessage>>(count);
        for (var i = 0; i < count; i++)
        {
            var call = client.Connect(headers);
            var name = $"{prefix}-{i:D4}";
            await call.RequestStream.WriteAsync(new AgentMessage
            {
                Register = new Register { Name = name, Host = "sim", Slots = 4, Cores = 4, MemoryBytes = 1L << 32, Version = "sim" },
            });
            calls.Add(call);
        }

        return new ManyAgents(channel, calls);
    }

    /// <summary>Streams the hub closed (a heartbeat could not be sent).</summary>
    public int Broken => _broken.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeats;
        foreach (var call in _calls)
        {
            call.Dispose();
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    /// <summary>A heartbeat on every stream each second, so that none is presumed lost.</summary>
    private async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var call in _calls.Where(c => !_broken.Contains(c)))
                {
                    try
                    {
                        await call.RequestStream.WriteAsync(new AgentMessage { Heartbeat = new Heartbeat() }, ct);
                    }
                    catch (Exception e) when (e is RpcException or InvalidOperationException)
                    {
                        _broken.Add(call); // the hub closed the stream
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }
}
