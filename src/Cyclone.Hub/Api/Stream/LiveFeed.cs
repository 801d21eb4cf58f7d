using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Rest;
using Microsoft.Extensions.Hosting;

namespace Cyclone.Hub.Api.Stream;

/// <summary>
/// Publishes live changes to the clients of <c>GET /api/v1/stream</c>. Every <see cref="Interval"/> it takes the task
/// changes the scheduler loop reported (<see cref="LiveChanges"/>) and the loop's published <see cref="ClusterView"/>,
/// and offers one <c>pulse</c> event (and a <c>jobs</c> event when jobs changed) to each client. It never talks to
/// the loop: reading the view is one volatile read, and changes are coalesced per interval whatever their rate.
/// </summary>
public sealed class LiveFeed(SchedulerLoop loop, TimeProvider time) : BackgroundService
{
    /// <summary>How often events go out: live enough for a person, and a fixed cost whatever the task rate.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<LiveSubscriber, byte> _subscribers = new();
    private StreamPulseDto _last = new();
    private long _seq;

    /// <summary>Clients connected now.</summary>
    public int Subscribers => _subscribers.Count;

    /// <summary>Adds a client; its first event is <c>hello</c> with the latest pulse.</summary>
    public LiveSubscriber Subscribe()
    {
        var subscriber = new LiveSubscriber();
        var last = Volatile.Read(ref _last);
        subscriber.Offer(Item(last.Seq == 0 ? Pulse(new LiveChangeSet([], 0, 0, 0), 0) : last, "hello"));
        _subscribers.TryAdd(subscriber, 0);
        return subscriber;
    }

    public void Unsubscribe(LiveSubscriber subscriber)
    {
        _subscribers.TryRemove(subscriber, out _);
        subscriber.Complete();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Publish(loop.Changes.Take());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the hub stops
        }
        finally
        {
            foreach (var subscriber in _subscribers.Keys)
            {
                subscriber.Complete();
            }
        }
    }

    /// <summary>Sends one interval's events to every client.</summary>
    internal void Publish(LiveChangeSet changes)
    {
        var seq = Interlocked.Increment(ref _seq);
        var pulse = Pulse(changes, seq);
        Volatile.Write(ref _last, pulse);
        if (_subscribers.IsEmpty)
        {
            return;
        }

        var items = new List<SseItem<string>>(2) { Item(pulse, "pulse") };
        if (changes.Jobs is null || changes.Jobs.Count > 0)
        {
            var jobs = new StreamJobsDto { Seq = seq, All = changes.Jobs is null, Ids = changes.Jobs?.Order().ToList() ?? [] };
            items.Add(Item(jobs, "jobs"));
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            foreach (var item in items)
            {
                subscriber.Offer(item);
            }
        }
    }

    private StreamPulseDto Pulse(LiveChangeSet changes, long seq)
    {
        var view = loop.View;
        var version = new HashCode();
        int up = 0, draining = 0, down = 0, busy = 0, total = 0;
        foreach (var a in view.Agents)
        {
            version.Add(a.Name);
            version.Add(a.State);
            version.Add(a.Free.Slots);
            switch (a.State)
            {
                case "UP": up++; break;
                case "DRAINING": draining++; break;
                default: down++; continue;
            }

            busy += a.Total.Slots - a.Free.Slots;
            total += a.Total.Slots;
        }

        return new StreamPulseDto
        {
            Seq = seq,
            At = time.GetUtcNow(),
            IntervalMs = (int)Interval.TotalMilliseconds,
            AgentsUp = up,
            AgentsDraining = draining,
            AgentsDown = down,
            SlotsBusy = busy,
            SlotsTotal = total,
            ReadyTasks = view.ReadyTasks,
            ActiveTasks = view.ActiveTasks,
            Completed = changes.Completed,
            Failed = changes.Failed,
            Transitions = changes.Transitions,
            AgentsVersion = ((uint)version.ToHashCode()).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static SseItem<string> Item<T>(T data, string type) =>
        new(JsonSerializer.Serialize(data, ApiJson.Options), type);
}
