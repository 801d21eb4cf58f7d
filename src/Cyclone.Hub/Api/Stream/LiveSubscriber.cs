using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Cyclone.Hub.Api.Stream;

/// <summary>
/// One client of the live stream: a small bounded queue of events. The feed never waits for a client: when the
/// queue is full the event is dropped and the client is marked lagging; the next event it gets is <c>resync</c>
/// (reload everything), so a slow client sees fewer, coarser updates and never stale ones.
/// </summary>
public sealed class LiveSubscriber
{
    /// <summary>Events queued per client before it counts as lagging.</summary>
    public const int Capacity = 32;

    private readonly Channel<SseItem<string>> _queue = Channel.CreateBounded<SseItem<string>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private bool _lagging;

    /// <summary>Events dropped because the client did not keep up.</summary>
    public long Dropped { get; private set; }

    public ChannelReader<SseItem<string>> Reader => _queue.Reader;

    /// <summary>Queues <paramref name="item"/> unless the client lags behind; called by the feed only.</summary>
    public void Offer(SseItem<string> item)
    {
        if (_lagging)
        {
            if (!_queue.Writer.TryWrite(new SseItem<string>("{}", "resync")))
            {
                Dropped++;
                return;
            }

            _lagging = false;
        }

        if (!_queue.Writer.TryWrite(item))
        {
            Dropped++;
            _lagging = true;
        }
    }

    public void Complete() => _queue.Writer.TryComplete();
}
