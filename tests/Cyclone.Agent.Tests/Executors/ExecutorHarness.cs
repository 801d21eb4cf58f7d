using Cyclone.Agent.Executors;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Agent.Tests.Executors;

/// <summary>A process executor over a collecting sink, with a short kill grace.</summary>
internal sealed class ExecutorHarness
{
    public ExecutorHarness(TimeSpan? killGrace = null)
    {
        StateDirectory = Path.Combine(Path.GetTempPath(), $"cyclone-agent-test-{Guid.NewGuid():N}");
        var options = new AgentOptions { KillGrace = killGrace ?? TimeSpan.FromSeconds(2), StateDirectory = StateDirectory };
        Executor = new ProcessExecutor(options, Sink, TimeProvider.System, NullLogger<ProcessAttempt>.Instance, new SessionJournal(options));
    }

    public CollectingSink Sink { get; } = new();

    /// <summary>The agent state directory (where the session journal is).</summary>
    public string StateDirectory { get; }

    public ProcessExecutor Executor { get; }

    public async Task<AttemptResult> RunAsync(Lease lease)
    {
        var attempt = Executor.Start(lease);
        return await attempt.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The pids a script printed, one per line, on rank 0's stdout.</summary>
    public IReadOnlyList<int> PrintedPids(int expected)
    {
        var lines = Sink.Text(0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= expected, $"expected {expected} pids, got output '{Sink.Text(0)}'");
        return lines.Take(expected).Select(int.Parse).ToList();
    }
}
