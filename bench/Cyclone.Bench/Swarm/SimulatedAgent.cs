using System.Collections.Concurrent;
using System.Threading.Channels;
using Cyclone.Protocol.Agent;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cyclone.Bench.Swarm;

/// <summary>
/// One simulated agent on its own stream of the real protocol (as <c>Cyclone.Agent.Hub.HubSession</c> speaks it):
/// Register, Welcome, Ask; heartbeats at the interval the Welcome gives, with the attempts it runs; every lease is
/// reported EXITED 0 at once, then it asks again. One writer drains its outbox, so nothing writes to the stream twice at once.
/// </summary>
public sealed partial class SimulatedAgent : IAsyncDisposable
{
    /// <summary>How long the hub may take to answer the registration, and to end the stream once the agent left.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    public const int Slots = 2;

    private readonly AsyncDuplexStreamingCall<AgentMessage, HubMessage> _call;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _quiet = new();
    private readonly SwarmLedger _ledger;
    private readonly Channel<AgentMessage> _outbox = Channel.CreateUnbounded<AgentMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(long TaskId, int Attempt, int Node), AttemptRef> _running = new();
    private Task _writing = Task.CompletedTask;
    private Task _reading = Task.CompletedTask;
    private Task _beating = Task.CompletedTask;
    private long _seq;
    private long _acked;

    private SimulatedAgent(string name, AsyncDuplexStreamingCall<AgentMessage, HubMessage> call, CancellationTokenSource stop, SwarmLedger ledger)
    {
        Name = name;
        _call = call;
        _stop = stop;
        _ledger = ledger;
    }

    public string Name { get; }

    /// <summary>Outcomes reported that the hub has not acknowledged as durable yet.</summary>
    public long Unacknowledged => Interlocked.Read(ref _seq) - Interlocked.Read(ref _acked);

    /// <summary>Why the stream ended, when it ended before the agent left.</summary>
    public string? Ended { get; private set; }

    /// <summary>Opens the stream on <paramref name="channel"/>, registers as <paramref name="name"/> and asks for work once welcomed.</summary>
    public static async Task<SimulatedAgent> StartAsync(GrpcChannel channel, string token, string name, SwarmLedger ledger, CancellationToken ct)
    {
        var stop = new CancellationTokenSource();
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var call = new AgentHub.AgentHubClient(channel).Connect(headers, cancellationToken: stop.Token);
        var agent = new SimulatedAgent(name, call, stop, ledger);
        try
        {
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            answer.CancelAfter(AnswerTimeout);
            await call.RequestStream.WriteAsync(new AgentMessage { Register = Registration(name) }, answer.Token);
            if (!await call.ResponseStream.MoveNext(answer.Token))
            {
                throw new InvalidOperationException($"{name}: the hub closed the stream without answering the registration");
            }

            var first = call.ResponseStream.Current;
            if (first.BodyCase != HubMessage.BodyOneofCase.Welcome)
            {
                throw new InvalidOperationException($"{name}: the hub answered the registration with {first.BodyCase}: {first.Rejected?.Reason}");
            }

            agent._writing = agent.WriteLoopAsync();
            agent._reading = agent.ReadLoopAsync();
            agent._beating = agent.HeartbeatLoopAsync(TimeSpan.FromMilliseconds(Math.Max(100, first.Welcome.HeartbeatIntervalMs)));
            agent.Post(new AgentMessage { Ask = new Ask() });
            return agent;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && !ct.IsCancellationRequested)
        {
            await agent.DisposeAsync();
            throw new TimeoutException(
                $"{name}: no answer to the registration within {AnswerTimeout.TotalSeconds:0}s (more streams on one connection than the hub allows?)", ex);
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Leaves as the real agent does on a graceful stop: sends Leaving (nothing to hand back), completes its side of the
    /// stream, and waits (bounded) for the hub to end the other; then the call is disposed whatever happened.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _quiet.CancelAsync(); // no more heartbeats
        await Quietly(_beating);
        Post(new AgentMessage { Leaving = new Leaving { HandBack = false } });
        _outbox.Writer.TryComplete();
        await Quietly(_writing.WaitAsync(AnswerTimeout));
        await Quietly(_reading.WaitAsync(AnswerTimeout));
        await _stop.CancelAsync(); // whatever is still open is cut off
        await Quietly(_writing);
        await Quietly(_reading);
        _call.Dispose();
        _stop.Dispose();
        _quiet.Dispose();
    }

    private static Register Registration(string name) => new()
    {
        Name = name,
        Host = $"{name}.swarm.invalid",
        Slots = Slots,
        Cores = 4,
        MemoryBytes = 8L << 30,
        Version = "cyclone-bench-swarm",
    };

    private void Post(AgentMessage message) => _outbox.Writer.TryWrite(message);

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException or InvalidOperationException or TimeoutException)
        {
            // the stream is over either way
        }
    }
}
