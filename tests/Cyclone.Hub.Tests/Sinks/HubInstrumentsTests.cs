using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Metrics;

namespace Cyclone.Hub.Tests.Sinks;

public sealed class HubInstrumentsTests
{
    [Fact]
    public async Task Persisted_transitions_are_counted_by_final_state_in_the_text_format()
    {
        var instruments = new HubInstruments();
        var at = DateTimeOffset.UnixEpoch;

        MetricsEndpoint.Count(instruments, [
            new TaskTransition(1, 1, TaskState.Running, 1, 0, at),
            new TaskTransition(1, 1, TaskState.Completed, 1, 0, at),
            new TaskTransition(2, 1, TaskState.Failed, 1, 1, at),
            new TaskTransition(3, 1, TaskState.Completed, 1, 0, at),
        ]);
        using var text = new MemoryStream();
        await instruments.Registry.CollectAndExportAsTextAsync(text);
        var scraped = System.Text.Encoding.UTF8.GetString(text.ToArray());

        Assert.Contains("cyclone_tasks_ended_total{state=\"COMPLETED\"} 2", scraped, StringComparison.Ordinal);
        Assert.Contains("cyclone_tasks_ended_total{state=\"FAILED\"} 1", scraped, StringComparison.Ordinal);
        Assert.Contains("cyclone_task_attempts_started_total 1", scraped, StringComparison.Ordinal);
    }
}
