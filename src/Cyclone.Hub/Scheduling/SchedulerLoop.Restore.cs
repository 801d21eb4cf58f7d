using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    private async Task RestoreAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var count = 0;
        var upstreams = new HashSet<long>();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in _store.LoadActiveTasksAsync(ct))
        {
            var task = RequeuedTasks.TaskOf(r, Shared(users, r.User));
            _state.Restore(task, r.State, r.Attempt, r.Failures, r.Agents, r.StartedAt, now);
            upstreams.UnionWith(r.Dependencies.Select(d => d.UpstreamId));
            count++;
        }

        foreach (var e in await _store.LatestEventsAsync(ct))
        {
            _state.RememberEvent(e.Name, e.At, e.Data);
        }

        foreach (var agent in await _store.ListAgentsAsync(ct))
        {
            if (agent.Drained == true)
            {
                _drainedByRequest.Add(agent.Name);
            }
        }

        RestorePullWorkers(now);
        upstreams.RemoveWhere(id => _state.FindTask(id) is not null);
        var known = await _store.GetTaskStatesAsync(upstreams, ct);
        var fx = new SchedulerEffects();
        _state.ResolveRestored(id => known.TryGetValue(id, out var s) && s.IsFinal() ? s : null, now, fx);
        await _store.ApplyAsync(fx.Transitions, ct);

        LogRestored(count, _state.ReadyCount);
        PublishView();
    }

    /// <summary>One string per user name for all restored tasks, rather than one per task.</summary>
    private static string? Shared(Dictionary<string, string> names, string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (!names.TryGetValue(name, out var shared))
        {
            names[name] = shared = name;
        }

        return shared;
    }
}
