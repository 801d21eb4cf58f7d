using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Agent;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cyclone.Hub.Tests.Security;

/// <summary>A fake agent's stream to an in-process hub: send any message, read what the hub answers, with deadlines.</summary>
internal sealed class FuzzAgentStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<AgentMessage, HubMessage> _call;

    private FuzzAgentStream(GrpcChannel channel, AsyncDuplexStreamingCall<AgentMessage, HubMessage> call)
    {
        _channel = channel;
        _call = call;
    }

    public static async Task<FuzzAgentStream> OpenAsync(InProcessHub hub, string? authorization)
    {
        var channel = await ChannelAsync(hub);
        return new FuzzAgentStream(channel, new AgentHub.AgentHubClient(channel).Connect(Headers(authorization)));
    }

    /// <summary>A channel to the hub's gRPC port (from /healthz), cleartext HTTP/2, with no limit on what it sends.</summary>
    public static async Task<GrpcChannel> ChannelAsync(InProcessHub hub)
    {
        using var anonymous = hub.Http(null);
        var health = await anonymous.GetFromJsonAsync<JsonObject>(new Uri("healthz", UriKind.Relative));
        return GrpcChannel.ForAddress($"http://127.0.0.1:{(int)health!["grpcPort"]!}", new GrpcChannelOptions { MaxSendMessageSize = null });
    }

    /// <summary>Metadata with <paramref name="authorization"/> as the authorization header (none when null).</summary>
    public static Metadata Headers(string? authorization)
    {
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("authorization", authorization);
        }

        return headers;
    }

    public Task SendAsync(AgentMessage message) => _call.RequestStream.WriteAsync(message);

    /// <summary>The hub's next message; null when it ended the stream. Throws <see cref="RpcException"/> when the call failed.</summary>
    public async Task<HubMessage?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _call.ResponseStream.MoveNext(timeout.Token) ? _call.ResponseStream.Current : null;
    }

    /// <summary>Reads until a message of <paramref name="kind"/> (skipping others); fails when the stream ends first.</summary>
    public async Task<HubMessage> ExpectAsync(HubMessage.BodyOneofCase kind, string context)
    {
        while (true)
        {
            var next = await NextAsync();
            Assert.True(next is not null, $"{context}: the hub ended the stream before sending {kind}");
            if (next.BodyCase == kind)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // the call has ended already
        }

        _call.Dispose();
        _channel.Dispose();
    }
}
