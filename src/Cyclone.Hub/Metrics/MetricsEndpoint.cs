using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Sinks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the hub's metrics in the Prometheus text format. Like every call but <c>/healthz</c> it needs a
/// token (any user's: give Prometheus one in <c>authorization: credentials_file</c>).
/// </summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", ScrapeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task ScrapeAsync(HttpContext http, HubInstruments instruments, SchedulerLoop loop, SinkService sinks)
    {
        Refresh(instruments, loop.View, sinks);
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await instruments.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>Sets the gauges from the scheduler's last published view and the sinks' buffers.</summary>
    internal static void Refresh(HubInstruments instruments, ClusterView view, SinkService sinks)
    {
        instruments.ActiveTasks.Set(view.ActiveTasks);
        instruments.ReadyTasks.Set(view.ReadyTasks);
        foreach (var state in new[] { "UP", "DOWN", "DRAINING" })
        {
            instruments.Agents.WithLabels(state).Set(view.Agents.Count(a => a.State == state));
        }

        var up = view.Agents.Where(a => a.State == "UP").ToList();
        instruments.Slots.WithLabels("total").Set(up.Sum(a => a.Total.Slots));
        instruments.Slots.WithLabels("free").Set(up.Sum(a => a.Free.Slots));
        instruments.RunningParts.Set(view.Agents.Sum(a => a.RunningParts));
        foreach (var pump in sinks.Pumps)
        {
            instruments.SinkItemsBuffered.WithLabels(pump.Name).Set(pump.Buffered);
        }
    }

    /// <summary>Counts what a persisted scheduler pass changed: attempts started and tasks ended.</summary>
    internal static void Count(HubInstruments instruments, IReadOnlyList<Core.Scheduling.TaskTransition> transitions)
    {
        foreach (var t in transitions)
        {
            if (t.State == TaskState.Running)
            {
                instruments.TaskAttemptsStarted.Inc();
            }
            else if (t.State.IsFinal())
            {
                instruments.TasksEnded.WithLabels(t.State.ToWire()).Inc();
            }
        }
    }
}
