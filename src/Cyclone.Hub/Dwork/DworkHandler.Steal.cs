using Cyclone.Core.Scheduling;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Dwork;

namespace Cyclone.Hub.Dwork;

internal sealed partial class DworkHandler
{
    /// <summary>Most tasks one Steal takes.</summary>
    public const int MaxSteal = 1000;

    /// <summary>How often an empty Steal may ask the store which open tasks ended elsewhere (cancelled, or run by agents).</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private long _refreshedAt = long.MinValue;

    /// <summary>Leases up to n ready tasks to the location: Transfer with them, NotFound while others remain, Exit when all ended.</summary>
    private async Task<QueryMsg> StealAsync(QueryMsg query, CancellationToken ct)
    {
        if (Worker(query, out var error) is not { } worker)
        {
            return Error(error);
        }

        var max = Math.Clamp(query.HasN ? query.N : 1, 1, MaxSteal);
        var labels = _options.RunNames ? new HashSet<string>() : new HashSet<string>(StringComparer.Ordinal) { DworkJobs.WorkerLabel };
        var leased = await loop.PullAsync(new PullAsk(worker, labels, _options.User, max, _options.Lease), ct);
        var reply = new QueryMsg { Type = QueryMsg.Types.Type.Transfer };
        var strangers = new List<PullReport>();
        foreach (var pulled in leased)
        {
            if (registry.Find(pulled.Grant.TaskId) is { } task)
            {
                reply.Task.Add(Describe(task));
            }
            else
            {
                strangers.Add(new PullReport(pulled.Grant.TaskId, pulled.Grant.Attempt)); // the dwork user's task, not made by a Create
            }
        }

        if (strangers.Count > 0)
        {
            await loop.ReportPulledAsync(worker, PullAction.Release, strangers, null, ct);
        }

        if (reply.Task.Count > 0)
        {
            registry.Hold(query.Location, leased.Select(p => p.Grant.TaskId));
            return reply;
        }

        await RefreshAsync(force: false, ct);
        return new QueryMsg { Type = registry.Open == 0 ? QueryMsg.Types.Type.Exit : QueryMsg.Types.Type.NotFound };
    }

    /// <summary>Notes open tasks that ended outside the protocol; at most once a <see cref="RefreshInterval"/> unless forced.</summary>
    private async Task RefreshAsync(bool force, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _refreshedAt);
        if (!force && last != long.MinValue && time.GetElapsedTime(last, now) < RefreshInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _refreshedAt, now);
        var open = registry.OpenIds();
        if (open.Count > 0)
        {
            var states = await store.GetTaskStatesAsync(open, ct);
            registry.MarkDone(states.Where(s => Core.Tasks.TaskStates.IsFinal(s.Value)).Select(s => s.Key));
        }
    }

    /// <summary>The scheduler's name of the message's location as a pull worker of the dwork user; null when it names none.</summary>
    private string? Worker(QueryMsg query, out string error)
    {
        error = "";
        if (!query.HasLocation || !PullWorkers.IsValidWorker(query.Location))
        {
            error = $"{query.Type} needs a location (the worker's host): 1 to 100 letters, digits, '_', '.', '-' or '@'";
            return null;
        }

        return PullWorkers.NameOf(_options.User, query.Location);
    }
}
