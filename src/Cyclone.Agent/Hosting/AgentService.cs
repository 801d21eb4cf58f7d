using Cyclone.Agent.Attempts;
using Cyclone.Agent.Hub;
using Cyclone.Agent.Output;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hosting;

/// <summary>
/// The agent's life: the output batcher and the hub link run until the host stops; then the agent leaves
/// gracefully — no new work, running attempts get <see cref="AgentOptions.ShutdownGrace"/> to finish, the
/// rest are killed and handed back, outcomes get a moment to be acknowledged, and the stream is completed.
/// </summary>
public sealed partial class AgentService : BackgroundService
{
    /// <summary>How long the hub gets to acknowledge the last outcomes, and to close the stream, on the way out.</summary>
    public static readonly TimeSpan FarewellWait = TimeSpan.FromSeconds(3);

    private readonly AgentOptions _options;
    private readonly HubLink _link;
    private readonly AttemptSupervisor _supervisor;
    private readonly OutputBatcher _batcher;
    private readonly OutcomeLedger _ledger;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentService> _logger;
    private readonly Cyclone.Agent.Executors.SessionJournal _journal;

    public AgentService(
        AgentOptions options, HubLink link, AttemptSupervisor supervisor, OutputBatcher batcher, OutcomeLedger ledger, Outbox outbox, TimeProvider time,
        Cyclone.Agent.Executors.SessionJournal journal, ILogger<AgentService> logger)
    {
        _journal = journal;
        _options = options;
        _link = link;
        _supervisor = supervisor;
        _batcher = batcher;
        _ledger = ledger;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    /// <summary>The longest a graceful shutdown takes; the host's shutdown timeout must exceed it.</summary>
    public static TimeSpan LongestShutdown(AgentOptions options) =>
        options.ShutdownGrace + options.KillGrace + TimeSpan.FromSeconds(10) + FarewellWait + FarewellWait;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(_options.Name, _options.Slots, _options.HubUrl);
        if (_journal.KillLeftovers() is > 0 and var leftovers)
        {
            LogLeftovers(leftovers);
        }

        await _supervisor.RecoverAsync(stoppingToken);

        var batching = _batcher.RunAsync(CancellationToken.None);
        using var linkStop = new CancellationTokenSource();
        var link = _link.RunAsync(linkStop.Token);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // the host is stopping: leave gracefully
        }

        await LeaveAsync(batching, link, linkStop);
    }

    private async Task LeaveAsync(Task batching, Task link, CancellationTokenSource linkStop)
    {
        LogLeaving(_supervisor.Running().Count, _options.ShutdownGrace.TotalSeconds);
        _supervisor.BeginDraining();
        _link.Leave(handBack: false);
        if (!await WithinAsync(_supervisor.WhenIdle(), _options.ShutdownGrace))
        {
            _link.Leave(handBack: true);
            var count = _supervisor.HandBackAll($"agent {_options.Name} is shutting down");
            LogHandingBack(count);
            await WithinAsync(_supervisor.WhenIdle(), _options.KillGrace + TimeSpan.FromSeconds(10));
        }

        _batcher.Complete();
        await batching;
        if (!_outbox.Connected || !await WithinAsync(_ledger.WhenAllAcknowledged(), FarewellWait))
        {
            if (_ledger.Count > 0)
            {
                LogUnacknowledged(_ledger.Count);
            }
        }

        _outbox.Complete();
        if (!_outbox.Connected || !await WithinAsync(link, FarewellWait))
        {
            await linkStop.CancelAsync();
        }

        try
        {
            await link;
        }
        catch (OperationCanceledException)
        {
            // stopped while reconnecting
        }

        LogStopped(_options.Name);
    }

    /// <summary>True when <paramref name="task"/> completes within <paramref name="timeout"/>.</summary>
    private async Task<bool> WithinAsync(Task task, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var done = await Task.WhenAny(task, Task.Delay(timeout, _time, cancel.Token)) == task;
        await cancel.CancelAsync();
        return done;
    }

    [LoggerMessage(1, LogLevel.Information, "Agent {Name} starting with {Slots} slot(s); hub {Hub}")]
    private partial void LogStarting(string name, int slots, string hub);

    [LoggerMessage(2, LogLevel.Information, "Agent leaving: no new work; {Running} running attempt(s) get {Seconds} s to finish")]
    private partial void LogLeaving(int running, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "Killing {Count} attempt(s) still running and handing them back to the hub")]
    private partial void LogHandingBack(int count);

    [LoggerMessage(4, LogLevel.Warning, "{Count} outcome(s) were not acknowledged by the hub before exit; the hub redispatches those attempts")]
    private partial void LogUnacknowledged(int count);

    [LoggerMessage(6, LogLevel.Warning, "Killed {Count} process tree(s) a previous agent of this name left running (the hub has given their work to others)")]
    private partial void LogLeftovers(int count);

    [LoggerMessage(5, LogLevel.Information, "Agent {Name} stopped")]
    private partial void LogStopped(string name);
}
