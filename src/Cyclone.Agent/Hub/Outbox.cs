using System.Threading.Channels;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hub;

/// <summary>
/// The messages waiting for the hub, in order. Producers (output batcher, attempt supervisor, heartbeat)
/// post here; the writer loop of the current stream is the only reader, so stream writes never overlap.
/// The outbox outlives streams: what a broken stream did not take waits for the next one. Output kept
/// while no stream drains it is capped; outcomes are never dropped (the ledger resends them anyway).
/// </summary>
public sealed partial class Outbox
{
    private readonly Channel<AgentMessage> _channel = Channel.CreateUnbounded<AgentMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly long _outputLimit;
    private readonly ILogger _logger;
    private long _outputBytes;
    private long _droppedBytes;
    private volatile bool _connected;
    private volatile bool _completed;

    public Outbox(long outputLimitBytes, ILogger<Outbox> logger)
    {
        _outputLimit = outputLimitBytes;
        _logger = logger;
    }

    /// <summary>True while a stream is registered and drains the outbox.</summary>
    public bool Connected
    {
        get => _connected;
        set => _connected = value;
    }

    /// <summary>Output bytes waiting to be written.</summary>
    public long QueuedOutputBytes => Interlocked.Read(ref _outputBytes);

    /// <summary>Queues a batch of output; false when it was dropped because the output buffer is full.</summary>
    public bool PostOutput(OutputBatch batch)
    {
        var size = Size(batch);
        if (Interlocked.Add(ref _outputBytes, size) > _outputLimit)
        {
            Interlocked.Add(ref _outputBytes, -size);
            if (Interlocked.Add(ref _droppedBytes, size) == size)
            {
                LogOutputDropping(_outputLimit);
            }

            return false;
        }

        var dropped = Interlocked.Exchange(ref _droppedBytes, 0);
        if (dropped > 0)
        {
            LogOutputDropped(dropped);
        }

        if (!_channel.Writer.TryWrite(new AgentMessage { Output = batch }))
        {
            Interlocked.Add(ref _outputBytes, -size);
            return false;
        }

        return true;
    }

    /// <summary>Queues a message whatever the connection state (outcomes, leaving).</summary>
    public void Post(AgentMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Queues a message that only makes sense on a live stream (ask, heartbeat); dropped otherwise.</summary>
    public void PostIfConnected(AgentMessage message)
    {
        if (_connected)
        {
            _channel.Writer.TryWrite(message);
        }
    }

    /// <summary>No more messages will be posted; the writer ends once the queue is empty.</summary>
    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Waits until a message can be taken; false once the outbox is complete and empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    /// <summary>Takes the next message, if any.</summary>
    public bool TryTake(out AgentMessage message)
    {
        if (!_channel.Reader.TryRead(out message!))
        {
            return false;
        }

        if (message.BodyCase == AgentMessage.BodyOneofCase.Output)
        {
            Interlocked.Add(ref _outputBytes, -Size(message.Output));
        }

        return true;
    }

    private static long Size(OutputBatch batch) => batch.Chunks.Sum(c => (long)c.Data.Length);

    [LoggerMessage(60, LogLevel.Warning, "Output buffer full ({Limit} bytes) while the hub is not taking output; dropping task output until it drains")]
    private partial void LogOutputDropping(long limit);

    [LoggerMessage(61, LogLevel.Warning, "Output buffer drains again; {Bytes} bytes of task output were dropped")]
    private partial void LogOutputDropped(long bytes);
}
