using System.Net.ServerSentEvents;
using Cyclone.Hub.Api.Stream;

namespace Cyclone.Hub.Tests.Stream;

public sealed class LiveSubscriberTests
{
    private static SseItem<string> Pulse(int n) => new($"{{\"seq\":{n}}}", "pulse");

    [Fact]
    public void A_client_that_does_not_keep_up_loses_events_and_is_told_to_resync_once_it_reads_again()
    {
        var subscriber = new LiveSubscriber();
        for (var i = 0; i < LiveSubscriber.Capacity + 5; i++)
        {
            subscriber.Offer(Pulse(i)); // never waits, however many
        }

        Assert.Equal(5, subscriber.Dropped);
        var read = new List<SseItem<string>>();
        while (subscriber.Reader.TryRead(out var item))
        {
            read.Add(item);
        }

        Assert.Equal(LiveSubscriber.Capacity, read.Count);
        subscriber.Offer(Pulse(1000));
        Assert.True(subscriber.Reader.TryRead(out var first));
        Assert.Equal("resync", first.EventType);
        Assert.True(subscriber.Reader.TryRead(out var next));
        Assert.Equal("{\"seq\":1000}", next.Data);
    }

    [Fact]
    public void A_client_that_keeps_up_gets_every_event_in_order()
    {
        var subscriber = new LiveSubscriber();
        for (var i = 0; i < 100; i++)
        {
            subscriber.Offer(Pulse(i));
            Assert.True(subscriber.Reader.TryRead(out var item));
            Assert.Equal($"{{\"seq\":{i}}}", item.Data);
        }

        Assert.Equal(0, subscriber.Dropped);
    }
}
