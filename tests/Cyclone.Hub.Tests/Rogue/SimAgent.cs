using System.Collections.Concurrent;
using Cyclone.Hub.Tests.Security;
using Cyclone.Protocol.Agent;
using Grpc.Core;

namespace Cyclone.Hub.Tests.Rogue;

/// <summary>
/// A well-behaved agent simulated on the gRPC stream: it registers, asks for work, heartbeats every 300 ms, and reports
/// every lease it gets as exited 0 at once (or holds it until told, when <see cref="Hold"/> is set), then asks again.
/// </summary>
internal sealed class SimAgent : IAsyncDisposable
{
    private readonly FuzzAgentStream _stream;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, Lease> _held = new();
    private Task _reading = Task.CompletedTask;
    private Task _beating = Task.CompletedTask;
    private long _seq;

    private SimAgent(FuzzAgentStream stream, string name)
    {
        _stream = stream;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Hold leases instead of finishing them.</summary>
    public bool Hold { get; init; }

    /// <summary>Task ids this agent finished.</summary>
    public ConcurrentBag<long> Finished { get; } = [];

    public IReadOnlyCollection<Lease> Held => [.. _held.Values];

    public static async Task<SimAgent> StartAsync(InProcessHub hub, string token, string name, bool hold = false, params string[] labels)
    {
        var stream = await FuzzAgentStream.OpenAsync(hub, $"Bearer {token}");
        var register = FuzzAgentMessages.Valid(name);
        register.Labels.AddRange(labels);
        await stream.SendAsync(new AgentMessage { Register = register });
        await stream.ExpectAsync(HubMessage.BodyOneofCase.Welcome, $"registering {name}");
        var agent = new SimAgent(stream, name) { Hold = hold };
        agent._reading = agent.ReadAsync();
        agent._beating = agent.BeatAsync();
        await agent.SendAsync(new AgentMessage { Ask = new Ask() });
        return agent;
    }

    /// <summary>Reports a held lease as exited with <paramref name="exitCode"/>.</summary>
    public async Task FinishAsync(Lease lease, int exitCode = 0, string output = "")
    {
        _held.TryRemove(lease.TaskId, out _);
        if (output.Length > 0)
        {
            var batch = new OutputBatch();
            batch.Chunks.Add(new OutputChunk { TaskId = lease.TaskId, Attempt = lease.Attempt, Data = Google.Protobuf.ByteString.CopyFromUtf8(output) });
            await SendAsync(new AgentMessage { Output = batch });
        }

        var outcome = new OutcomeBatch();
        outcome.Outcomes.Add(new Outcome
        {
            Attempt = new AttemptRef { TaskId = lease.TaskId, Attempt = lease.Attempt, NodeIndex = lease.NodeIndex },
            Kind = OutcomeKind.Exited, ExitCode = exitCode, Seq = Interlocked.Increment(ref _seq),
        });
        await SendAsync(new AgentMessage { Outcomes = outcome });
        await SendAsync(new AgentMessage { Ask = new Ask() }); // a slot is free again: as the real agent, ask for more
        Finished.Add(lease.TaskId);
    }

    public Task SendOutputAsync(OutputBatch batch) => SendAsync(new AgentMessage { Output = batch });

    private async Task SendAsync(AgentMessage message)
    {
        await _sending.WaitAsync();
        try
        {
            await _stream.SendAsync(message);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HubMessage? message;
            try
            {
                message = await _stream.NextAsync();
            }
            catch (OperationCanceledException)
            {
                continue; // nothing for a while
            }
            catch (RpcException)
            {
                return;
            }

            if (message is null)
            {
                return;
            }

            try
            {
                foreach (var lease in message.Leases?.Leases ?? [])
                {
                    _held[lease.TaskId] = lease;
                    if (!Hold)
                    {
                        await FinishAsync(lease, output: $"hello from {Name}\n");
                    }
                }
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException)
            {
                return; // the stream is gone (the test is over)
            }
        }
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(300));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var beat = new Heartbeat();
                beat.Running.AddRange(_held.Values.Select(l => new AttemptRef { TaskId = l.TaskId, Attempt = l.Attempt, NodeIndex = l.NodeIndex }));
                await SendAsync(new AgentMessage { Heartbeat = beat });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException)
        {
            // stopping, or the stream is gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        await _stream.DisposeAsync();
        await _reading;
        _stop.Dispose();
        _sending.Dispose();
    }
}
