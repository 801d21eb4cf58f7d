using System.Threading.Channels;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Output;

/// <summary>
/// Gathers output chunks into <see cref="OutputBatch"/> messages: a batch goes out when it holds
/// <c>maxBytes</c>, when its first chunk has waited <c>interval</c>, or when a flush is asked for.
/// One loop (<see cref="RunAsync"/>) owns the batch; chunks, flush requests and timer ticks reach it
/// through one channel, so their order is kept.
/// </summary>
public sealed class OutputBatcher : IOutputSink, IDisposable
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<OutputBatch> _emit;
    private readonly TimeSpan _interval;
    private readonly int _maxBytes;
    private readonly ITimer _timer;
    private OutputBatch _batch = new();
    private long _pendingBytes;
    private long _generation;

    /// <param name="emit">Receives each finished batch, on the batcher's loop.</param>
    /// <param name="interval">Longest time a chunk waits in a batch.</param>
    /// <param name="maxBytes">Batch size that makes a batch go out at once.</param>
    /// <param name="time">The clock of the flush interval.</param>
    public OutputBatcher(Action<OutputBatch> emit, TimeSpan interval, int maxBytes, TimeProvider time)
    {
        _emit = emit;
        _interval = interval;
        _maxBytes = maxBytes;
        _timer = time.CreateTimer(_ => _items.Writer.TryWrite(Item.Tick(Interlocked.Read(ref _generation))), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Bytes in the batch being gathered (for tests and diagnostics).</summary>
    internal long PendingBytes => Interlocked.Read(ref _pendingBytes);

    public void Write(OutputChunk chunk) => _items.Writer.TryWrite(Item.Of(chunk));

    public async Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_items.Writer.TryWrite(Item.Flush(done)))
        {
            await done.Task.WaitAsync(ct);
        }
    }

    /// <summary>No more chunks will come; <see cref="RunAsync"/> sends what it holds and ends.</summary>
    public void Complete() => _items.Writer.TryComplete();

    /// <summary>Runs the batching loop until <see cref="Complete"/> is called or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (await _items.Reader.WaitToReadAsync(ct))
        {
            while (_items.Reader.TryRead(out var item))
            {
                Handle(item);
            }
        }

        Emit();
    }

    public void Dispose() => _timer.Dispose();

    private void Handle(Item item)
    {
        if (item.Chunk is { } chunk)
        {
            if (_batch.Chunks.Count == 0)
            {
                Interlocked.Increment(ref _generation);
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }

            _batch.Chunks.Add(chunk);
            if (Interlocked.Add(ref _pendingBytes, chunk.Data.Length) >= _maxBytes)
            {
                Emit();
            }
        }
        else if (item.Flushed is { } flushed)
        {
            Emit();
            flushed.TrySetResult();
        }
        else if (item.Generation == Interlocked.Read(ref _generation))
        {
            Emit();
        }
    }

    private void Emit()
    {
        if (_batch.Chunks.Count == 0)
        {
            return;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref _generation);
        var batch = _batch;
        _batch = new OutputBatch();
        Interlocked.Exchange(ref _pendingBytes, 0);
        _emit(batch);
    }

    private readonly record struct Item(OutputChunk? Chunk, TaskCompletionSource? Flushed, long Generation)
    {
        public static Item Of(OutputChunk chunk) => new(chunk, null, 0);

        public static Item Flush(TaskCompletionSource done) => new(null, done, 0);

        public static Item Tick(long generation) => new(null, null, generation);
    }
}
