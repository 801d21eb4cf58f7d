using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Cyclone.Protocol.Agent;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Bytes that are not agent messages, on the agent stream: random protobuf payloads in well-formed gRPC frames, and
/// broken gRPC framing sent over plain HTTP/2. Each ends its own call with a status the framework chooses for bad
/// input, never an unhandled error of the hub; and the hub serves on, listing nobody as UP.
/// </summary>
public sealed class FuzzAgentRawTests(ITestOutputHelper output)
{
    private const int Streams = 30;

    private static readonly Method<byte[], byte[]> Connect = new(
        MethodType.DuplexStreaming, "cyclone.agent.v1.AgentHub", "Connect", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    [Fact]
    public async Task Random_bytes_for_messages_end_only_their_own_stream()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        using var channel = await FuzzAgentStream.ChannelAsync(hub);
        var invoker = channel.CreateCallInvoker();
        var rng = FuzzSeed.For("agent raw bytes");
        var endings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var wrong = new List<string>();
        for (var i = 0; i < Streams; i++)
        {
            // every other stream registers properly first, so that the garbage reaches the stream's main loop
            var frames = new List<byte[]>();
            if (i % 2 == 1)
            {
                frames.Add(new AgentMessage { Register = FuzzAgentMessages.Valid($"fz-raw-{i}") }.ToByteArray());
            }

            frames.AddRange(Enumerable.Range(0, rng.Next(1, 6)).Select(_ => FuzzInputs.RandomBytes(rng, rng.Next(0, 2048))));
            var ending = await SendAsync(invoker, token, frames);
            var key = ending.Split(" (")[0];
            endings[key] = endings.GetValueOrDefault(key) + 1;
            if (ending.StartsWith(nameof(StatusCode.Unknown), StringComparison.Ordinal))
            {
                wrong.Add($"stream {i} ({string.Join(", ", frames.Select(f => $"{f.Length} bytes"))}): {ending}");
            }
        }

        output.WriteLine($"seed {FuzzSeed.Value}: {Streams} streams of random frames ended: {string.Join("; ", endings.Select(e => $"{e.Key} x{e.Value}"))}");
        Assert.True(wrong.Count == 0, $"seed {FuzzSeed.Value}: calls ended by an unhandled error of the hub:\n{string.Join('\n', wrong)}");
        await AssertNobodyUpAsync(admin);
        await FuzzHubState.AssertServingAsync(hub, $"after {Streams} streams of random frames");
    }

    [Fact]
    public async Task Broken_grpc_framing_over_http2_ends_only_its_own_call()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var token = await FuzzHubState.TokenAsync(admin, new { role = "agent", name = "fuzz" });
        using var channel = await FuzzAgentStream.ChannelAsync(hub);
        var register = new AgentMessage { Register = FuzzAgentMessages.Valid("fz-framing") }.ToByteArray();
        (string What, byte[] Body, string ContentType)[] cases =
        [
            ("no frame at all", [], "application/grpc"),
            ("three bytes of a frame header", [0, 0, 0], "application/grpc"),
            ("a frame announcing 4 GiB", [0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3], "application/grpc"),
            ("a frame announcing 20 MiB (over the limit)", Frame(0, new byte[16], 20 << 20), "application/grpc"),
            ("a compressed frame without an encoding", Frame(1, register), "application/grpc"),
            ("a frame whose flag is 7", Frame(7, register), "application/grpc"),
            ("a frame cut short", Frame(0, register)[..(register.Length / 2)], "application/grpc"),
            ("a valid register, then garbage", [.. Frame(0, register), 0x42, 0x42], "application/grpc"),
            ("a valid register, as JSON", "{\"register\":{\"name\":\"x\"}}"u8.ToArray(), "application/json"),
            ("a valid register, as grpc-web text", [.. Frame(0, register)], "application/grpc-web-text"),
            ("a valid register, as application/grpc+json", [.. Frame(0, register)], "application/grpc+json"),
        ];
        using var http = new HttpClient { BaseAddress = channel.Target is { } t ? new Uri($"http://{t}") : null, Timeout = TimeSpan.FromSeconds(20) };
        var wrong = new List<string>();
        foreach (var (what, body, contentType) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("cyclone.agent.v1.AgentHub/Connect", UriKind.Relative))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.TryAddWithoutValidation("te", "trailers");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            _ = await response.Content.ReadAsByteArrayAsync();
            var grpcStatus = response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? s.Single()
                : response.Headers.TryGetValues("grpc-status", out var h) ? h.Single() : null;
            output.WriteLine($"{what}: HTTP {(int)response.StatusCode}, grpc-status {grpcStatus ?? "none"}");
            if ((int)response.StatusCode >= 500 || grpcStatus == ((int)StatusCode.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                wrong.Add($"{what}: HTTP {(int)response.StatusCode}, grpc-status {grpcStatus}");
            }
        }

        Assert.True(wrong.Count == 0, $"calls ended by a server error:\n{string.Join('\n', wrong)}");
        await AssertNobodyUpAsync(admin);
        await FuzzHubState.AssertServingAsync(hub, "after broken gRPC framing");
    }

    /// <summary>A gRPC length-prefixed frame: the flag byte, the length (big-endian; <paramref name="length"/> when given, to lie), the payload.</summary>
    private static byte[] Frame(byte flag, byte[] payload, int? length = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), length ?? payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static async Task<string> SendAsync(CallInvoker invoker, string token, IReadOnlyList<byte[]> frames)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = invoker.AsyncDuplexStreamingCall(Connect, null, new CallOptions(FuzzAgentStream.Headers($"Bearer {token}"), cancellationToken: timeout.Token));
        var answers = new List<string>();
        try
        {
            foreach (var frame in frames)
            {
                await call.RequestStream.WriteAsync(frame);
            }

            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                answers.Add(HubMessage.Parser.ParseFrom(call.ResponseStream.Current).BodyCase.ToString());
            }

            return answers.Count == 0 ? "OK" : $"OK (after {string.Join("+", answers.Distinct())})";
        }
        catch (RpcException ex)
        {
            return $"{ex.StatusCode} ({ex.Status.Detail}; after {answers.Count} answers)";
        }
    }

    private static async Task AssertNobodyUpAsync(HttpClient admin) => await FuzzEventually.TrueAsync(
        async () => !(await admin.GetStringAsync(new Uri("api/v1/agents", UriKind.Relative))).Contains("\"UP\"", StringComparison.Ordinal),
        "no agent whose stream carried garbage is listed as UP");
}
