using Prometheus;

namespace Cyclone.Hub.Metrics;

/// <summary>
/// Every metric the hub exposes at <c>/metrics</c>, declared here and nowhere else, in a registry of this hub's own.
/// Counters count since the hub started; gauges are read from the scheduler's published view and the sinks at each
/// scrape, so a scrape never waits for the scheduler nor reads the task table.
/// </summary>
public sealed class HubInstruments
{
    static HubInstruments() =>
        // prometheus-net otherwise listens to every EventSource and Meter of the process for its default registry, which
        // the hub does not export; that costs time on every request and every gRPC message
        Prometheus.Metrics.SuppressDefaultMetrics();

    public HubInstruments()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        TasksEnded = factory.CreateCounter("cyclone_tasks_ended_total", "Tasks that reached a final state, by state.", "state");
        TaskAttemptsStarted = factory.CreateCounter("cyclone_task_attempts_started_total", "Attempts leased to agents or pull workers.");
        ActiveTasks = factory.CreateGauge("cyclone_tasks_active", "Tasks not in a final state (blocked, pending or running).");
        ReadyTasks = factory.CreateGauge("cyclone_tasks_ready", "Tasks whose dependencies are met, waiting in the ready queues.");
        Agents = factory.CreateGauge("cyclone_agents", "Agents the scheduler knows, by state.", "state");
        Slots = factory.CreateGauge("cyclone_agent_slots", "Slots of the agents that are up, total and free.", "kind");
        RunningParts = factory.CreateGauge("cyclone_running_parts", "Task parts (one per node of an attempt) running on agents.");
        SinkItemsDelivered = factory.CreateCounter("cyclone_sink_items_delivered_total", "Result items (rows, metrics) a sink wrote.", "sink");
        SinkWriteFailures = factory.CreateCounter("cyclone_sink_write_failures_total", "Sink writes that failed and are retried.", "sink");
        SinkItemsBuffered = factory.CreateGauge("cyclone_sink_items_buffered", "Result items read from the store and not yet written, by sink.", "sink");
        GeneratorJobsSubmitted = factory.CreateCounter("cyclone_generator_jobs_submitted_total", "Jobs a generator submitted.", "generator");
        GeneratorTasksRefused = factory.CreateCounter("cyclone_generator_tasks_refused_total", "Generated tasks that were not valid and were skipped.", "generator");
    }

    public CollectorRegistry Registry { get; }

    public Counter TasksEnded { get; }

    public Counter TaskAttemptsStarted { get; }

    public Gauge ActiveTasks { get; }

    public Gauge ReadyTasks { get; }

    public Gauge Agents { get; }

    public Gauge Slots { get; }

    public Gauge RunningParts { get; }

    public Counter SinkItemsDelivered { get; }

    public Counter SinkWriteFailures { get; }

    public Gauge SinkItemsBuffered { get; }

    public Counter GeneratorJobsSubmitted { get; }

    public Counter GeneratorTasksRefused { get; }
}
