using Cyclone.Agent.Hosting;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Executors;

/// <summary>
/// Runs leases as operating-system processes: <c>procs_per_node</c> processes of the lease's command,
/// each in its own session (<see cref="SessionProcess"/>) so that its whole tree can be signalled.
/// </summary>
public sealed class ProcessExecutor
{
    private readonly IOutputSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<ProcessAttempt> _logger;

    public ProcessExecutor(AgentOptions options, IOutputSink sink, TimeProvider time, ILogger<ProcessAttempt> logger, SessionJournal journal)
    {
        Journal = journal;
        KillGrace = options.KillGrace;
        _sink = sink;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where running trees are recorded until they end.</summary>
    public SessionJournal Journal { get; }

    /// <summary>Time between SIGTERM and SIGKILL when a tree is killed.</summary>
    public TimeSpan KillGrace { get; }

    /// <summary>Starts <paramref name="lease"/>; the attempt's <see cref="ProcessAttempt.Completion"/> tells how it ended.</summary>
    public ProcessAttempt Start(Lease lease)
    {
        var attempt = new ProcessAttempt(lease, this, _sink, _time, _logger);
        attempt.Begin();
        return attempt;
    }
}
