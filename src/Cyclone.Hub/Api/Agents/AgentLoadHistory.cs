using System.Collections.Concurrent;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Rest;
using Microsoft.Extensions.Hosting;

namespace Cyclone.Hub.Api.Agents;

/// <summary>
/// Samples every live agent's busy slots from the scheduler's published view at a fixed interval and keeps the last
/// few minutes per agent in memory (a ring of <see cref="AgentLoadHistoryOptions.Samples"/>), for the dashboard's load chart.
/// History starts when the hub starts; agents gone from the view are forgotten.
/// </summary>
public sealed class AgentLoadHistory : BackgroundService
{
    private readonly ConcurrentDictionary<string, Queue<AgentLoadSampleDto>> _samples = new(StringComparer.Ordinal);
    private readonly SchedulerLoop _loop;
    private readonly AgentLoadHistoryOptions _options;
    private readonly TimeProvider _time;

    public AgentLoadHistory(SchedulerLoop loop, AgentLoadHistoryOptions options, TimeProvider time)
    {
        _loop = loop;
        _options = options;
        _time = time;
    }

    /// <summary>The samples of one agent, oldest first, ending with its load now.</summary>
    public AgentLoadDto Of(string name, ClusterView view)
    {
        var samples = new List<AgentLoadSampleDto>();
        if (_samples.TryGetValue(name, out var ring))
        {
            lock (ring)
            {
                samples.AddRange(ring);
            }
        }

        if (view.Agents.FirstOrDefault(a => a.Name == name) is { } now)
        {
            samples.Add(Sample(now, _time.GetUtcNow()));
        }

        return new AgentLoadDto(name, _options.Interval.TotalSeconds, samples);
    }

    /// <summary>Takes one sample of every agent in <paramref name="view"/>.</summary>
    public void Record(ClusterView view, DateTimeOffset at)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in view.Agents)
        {
            names.Add(agent.Name);
            var ring = _samples.GetOrAdd(agent.Name, _ => new Queue<AgentLoadSampleDto>());
            lock (ring)
            {
                ring.Enqueue(Sample(agent, at));
                while (ring.Count > Math.Max(1, _options.Samples))
                {
                    ring.Dequeue();
                }
            }
        }

        foreach (var gone in _samples.Keys.Where(k => !names.Contains(k)).ToList())
        {
            _samples.TryRemove(gone, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Record(_loop.View, _time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the hub is stopping
        }
    }

    private static AgentLoadSampleDto Sample(LiveAgent agent, DateTimeOffset at) =>
        new(at, agent.Total.Slots - agent.Free.Slots, agent.Total.Slots);
}
