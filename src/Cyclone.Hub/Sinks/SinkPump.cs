using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Sinks;

/// <summary>
/// Moves one sink's result sets from the hub's store to the sink. Sets are read after the sink's durable cursor
/// (<c>sink:NAME</c> in the store), held in a buffer of at most <see cref="SinkOptions.MaxBufferedItems"/> items, and
/// written in batches of <see cref="SinkOptions.BatchSize"/> items, or fewer once the oldest has waited
/// <see cref="SinkOptions.FlushInterval"/>. The cursor moves only after a write succeeded, so a write that fails or
/// whose outcome is unknown is made again (the sink takes repeats without duplicating); while writes fail the buffer
/// stays full and the rest waits in the store.
/// </summary>
public sealed partial class SinkPump(
    string name, SinkOptions options, IResultSink sink, IStore store, ResultsSignal signal, TimeProvider time, ILogger logger,
    Metrics.HubInstruments? instruments = null)
{
    /// <summary>How often the store is looked at when no signal came.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Queue<SinkSet> _buffer = new();
    private int _buffered;
    private long _readUpTo;
    private DateTimeOffset _oldest;

    /// <summary>The store cursor of sink <paramref name="sink"/>.</summary>
    public static string CursorName(string sink) => $"sink:{sink}";

    /// <summary>The sink's name.</summary>
    public string Name => name;

    /// <summary>Items delivered since the start.</summary>
    public long Delivered { get; private set; }

    /// <summary>Items read from the store and not yet written.</summary>
    public int Buffered => Volatile.Read(ref _buffered);

    public async Task RunAsync(CancellationToken ct)
    {
        _readUpTo = await ReadCursorAsync(ct);
        var retry = FirstRetryDelay;
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                await FillAsync(ct);
                if (!Due())
                {
                    await WaitAsync(wake, ct);
                    continue;
                }

                await DeliverAsync(ct);
                retry = FirstRetryDelay;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogDeliveryFailed(name, _buffered, retry.TotalSeconds, ex.Message);
                instruments?.SinkWriteFailures.WithLabels(name).Inc();
                await Task.Delay(retry, time, ct);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task<long> ReadCursorAsync(CancellationToken ct)
    {
        var retry = FirstRetryDelay;
        while (true)
        {
            try
            {
                var text = await store.GetCursorAsync(CursorName(name), ct);
                return text is null ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or System.Data.Common.DbException)
            {
                LogDeliveryFailed(name, 0, retry.TotalSeconds, ex.Message);
                await Task.Delay(retry, time, ct);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Reads sets after the last one buffered until the buffer is full or the store has no more.</summary>
    private async Task FillAsync(CancellationToken ct)
    {
        while (_buffered < options.MaxBufferedItems)
        {
            var sets = await store.ReadResultsAsync(name, _readUpTo, 100, ct);
            foreach (var record in sets)
            {
                var items = Parse(record);
                if (_buffer.Count == 0)
                {
                    _oldest = time.GetUtcNow();
                }

                _buffer.Enqueue(new SinkSet(record, items));
                _buffered += items.Count;
                _readUpTo = record.Seq;
            }

            if (sets.Count < 100)
            {
                return;
            }
        }
    }

    private JsonArray Parse(ResultRecord record)
    {
        try
        {
            return JsonNode.Parse(record.Items) as JsonArray ?? [];
        }
        catch (JsonException ex)
        {
            LogUnreadableSet(name, record.Seq, record.TaskId, ex.Message);
            return [];
        }
    }

    private bool Due() =>
        _buffer.Count > 0 && (_buffered >= options.BatchSize || time.GetUtcNow() - _oldest >= options.FlushInterval);

    private async Task WaitAsync(Task wake, CancellationToken ct)
    {
        var wait = _buffer.Count > 0 ? options.FlushInterval - (time.GetUtcNow() - _oldest) : Poll;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(wake, Task.Delay(wait, time, timeout.Token));
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Writes whole sets from the front of the buffer, up to a batch of items (at least one set), then moves the cursor past them.</summary>
    private async Task DeliverAsync(CancellationToken ct)
    {
        var batch = new List<SinkSet>();
        var items = 0;
        foreach (var set in _buffer)
        {
            if (batch.Count > 0 && items + set.Items.Count > options.BatchSize)
            {
                break;
            }

            batch.Add(set);
            items += set.Items.Count;
        }

        await sink.DeliverAsync(batch, ct);
        var last = batch[^1].Record.Seq;
        await store.SetCursorAsync(CursorName(name), last.ToString(CultureInfo.InvariantCulture), time.GetUtcNow(), ct);
        for (var i = 0; i < batch.Count; i++)
        {
            _buffer.Dequeue();
        }

        _buffered -= items;
        _oldest = time.GetUtcNow();
        Delivered += items;
        instruments?.SinkItemsDelivered.WithLabels(name).Inc(items);
        LogDelivered(name, items, batch.Count, last);
    }
}
