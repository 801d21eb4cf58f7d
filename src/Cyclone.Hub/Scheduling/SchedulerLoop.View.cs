namespace Cyclone.Hub.Scheduling;

public sealed partial class SchedulerLoop
{
    private void PublishView()
    {
        var agents = _state.Agents
            .Where(a => !a.Pulling)
            .Select(a =>
            {
                _connections.TryGetValue(a.Name, out var c);
                var state = !a.Connected ? "DOWN" : a.Draining ? "DRAINING" : "UP";
                return new LiveAgent(a.Name, c?.Host ?? "", state, a.Total, a.Free, a.Labels, c?.Cores ?? 0, a.PartCount, a.LastSeen, c?.ConnectedAt) { AllocationEndsAt = a.AvailableUntil };
            })
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        Volatile.Write(ref _view, new ClusterView(agents, _state.ActiveCount, _state.ReadyCount) { EventWaiters = _state.EventWaiters });
        _viewPublishedAt = _time.GetUtcNow();
    }
}
