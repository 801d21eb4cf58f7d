using System.Threading.Channels;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Hub.Hosting;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// The one loop that owns all scheduling state. Commands arrive through a channel; each pass takes
/// every queued command, applies them to <see cref="SchedulerState"/>, makes the resulting state
/// changes durable in one store write, and only then sends leases and stops to agents.
/// </summary>
public sealed partial class SchedulerLoop : BackgroundService
{
    private const int MaxCommandsPerPass = 20_000;

    /// <summary>How stale heartbeat times in the published view may get while nothing else changes.</summary>
    private static readonly TimeSpan QuietViewRefresh = TimeSpan.FromSeconds(1);

    private readonly Channel<SchedulerCommand> _commands =
        Channel.CreateUnbounded<SchedulerCommand>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, AgentConnection> _connections = new(StringComparer.Ordinal);
    private readonly HashSet<long> _revokedTokens = [];
    private readonly IStore _store;
    private readonly HubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SchedulerLoop> _logger;
    private readonly SchedulerState _state;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterView _view = ClusterView.Empty;
    private DateTimeOffset _viewPublishedAt;

    public SchedulerLoop(IStore store, IOptions<HubOptions> options, TimeProvider time, ILogger<SchedulerLoop> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _state = new SchedulerState(new SchedulerOptions
        {
            LeaseTimeout = _options.LeaseTimeout,
            MaxAttempts = _options.MaxAttempts,
            TimeLimitBackstop = _options.TimeLimitBackstop,
            ShortTask = _options.ShortTask,
        });
    }

    /// <summary>The latest published picture of the agents, for the API. Never blocks the loop.</summary>
    public ClusterView View => Volatile.Read(ref _view);

    /// <summary>Raised (on the loop) after result sets for sinks were stored.</summary>
    public event Action? ResultsStored;

    /// <summary>Raised (on the loop) with the task changes of each pass once they are durable; a handler must be quick.</summary>
    public event Action<IReadOnlyList<TaskTransition>>? TransitionsStored;

    /// <summary>Wakes callers waiting for jobs to end.</summary>
    public JobEndWatch JobEnds { get; } = new();

    /// <summary>Durable task changes, summed for the live stream.</summary>
    public Api.Stream.LiveChanges Changes { get; } = new();

    /// <summary>Completes once the state has been reloaded from the store and the loop takes commands.</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Stores a validated job durably, then hands its tasks to the loop. Returns once the job is
    /// durable; its tasks are scheduled right after.
    /// </summary>
    public async Task<SubmittedJob> SubmitAsync(NewJob job, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var stored = (await _store.SubmitAsync([job], ct))[0];
        var idOfIndex = new Dictionary<int, long>(job.Tasks.Count);
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            idOfIndex[job.Tasks[i].Index] = stored.TaskIds[i];
        }

        var tasks = job.Tasks.Select((t, i) => new SchedulerTask(stored.TaskIds[i], stored.JobId, t.Demand, t.Nodes, t.Priority, stored.TaskIds[i])
        {
            MaxRetries = t.MaxRetries,
            TimeLimit = t.TimeLimit,
            Dependencies = [.. t.Dependencies.Select(d => new TaskDependency(d.UpstreamTaskId ?? idOfIndex[d.UpstreamIndex!.Value], d.Kind))],
            WaitsForEvent = t.WaitsForEvent,
            MaxActiveInJob = t.MaxActiveInJob,
            RunnerClass = t.Payload.Kind ?? (t.Payload.Command.Count > 0 ? t.Payload.Command[0] : null),
            SubmittedAt = job.SubmittedAt,
            User = job.User,
        }).ToList();
        var external = job.Tasks.SelectMany(t => t.Dependencies).Where(d => d.UpstreamTaskId is not null).Select(d => d.UpstreamTaskId!.Value).Distinct().ToList();
        Post(new SubmittedCommand(tasks, external));
        return stored;
    }

    /// <summary>Completes the tasks waiting for event <paramref name="name"/>; returns how many, once that is durable.</summary>
    public async Task<int> DeliverEventAsync(string name, string dataJson, DateTimeOffset recordedAt, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var command = new EventCommand(name, dataJson, recordedAt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(command);
        await command.Done.Task.WaitAsync(ct);
        return command.Delivered.Value;
    }

    /// <summary>Cancels tasks; completes once the cancellation is durable.</summary>
    public async Task CancelAsync(IReadOnlyList<long> taskIds, string reason, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new CancelCommand(taskIds, reason, done));
        await done.Task.WaitAsync(ct);
    }

    /// <summary>Cancels every active task <paramref name="match"/> selects; returns how many, once durable.</summary>
    public async Task<int> CancelMatchingAsync(Func<SchedulerTask, bool> match, string reason, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var command = new CancelMatchingCommand(match, reason, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(command);
        await command.Done.Task.WaitAsync(ct);
        return command.Cancelled.Value;
    }

    /// <summary>Asks a connected agent to leave; false when no agent of that name is connected.</summary>
    public async Task<bool> RetireAsync(string agent, string reason, CancellationToken ct)
    {
        var command = new RetireCommand(agent, reason, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(command);
        await command.Done.Task.WaitAsync(ct);
        return command.Found.Value;
    }

    /// <summary>Cuts off agents connected with these tokens (revoked, or their user disabled) and redispatches their work.</summary>
    public void RevokeTokens(IReadOnlyCollection<long> tokenIds, string reason)
    {
        if (tokenIds.Count > 0)
        {
            _commands.Writer.TryWrite(new RevokeTokensCommand(tokenIds, reason));
        }
    }

    internal void Post(SchedulerCommand command)
    {
        if (!_commands.Writer.TryWrite(command))
        {
            throw new InvalidOperationException("the scheduler has stopped");
        }
    }

    /// <summary>Tells every agent the hub is going away and closes their streams.</summary>
    public async Task ShutdownAgentsAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_commands.Writer.TryWrite(new ShutdownCommand(done)))
        {
            await done.Task.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RestoreAsync(stoppingToken);
            _ready.TrySetResult();
            var ticker = RunTicker(stoppingToken);
            try
            {
                await RunPassesAsync(stoppingToken);
            }
            finally
            {
                await ticker; // ends with the same token; never faults
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (StoreFencedException)
        {
            // this hub stopped being active (logged where it was found): it takes no more commands, so agents that reach it
            // before it has stopped are refused at once and go on to the active hub
            _commands.Writer.TryComplete();
            _ready.TrySetCanceled(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            LogLoopFailed(ex);
            throw;
        }
    }

    private Task RunTicker(CancellationToken ct) => Task.Run(
        async () =>
        {
            using var timer = new PeriodicTimer(_options.TickInterval, _time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                _commands.Writer.TryWrite(new TickCommand());
            }
        },
        ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task RunPassesAsync(CancellationToken ct)
    {
        var batch = new SchedulerBatch();
        var reader = _commands.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Commands < MaxCommandsPerPass && reader.TryRead(out var command))
            {
                batch.Commands++;
                if (command is HeartbeatCommand or TickCommand)
                {
                    batch.QuietCommands++;
                }
                if (command is SubmittedCommand { External.Count: > 0 } submitted)
                {
                    // everything before this pass is durable; this pass's own changes are looked up in its effects
                    command = submitted with { Known = await _store.GetTaskStatesAsync(submitted.External, ct) };
                }

                Handle(command, batch);
            }

            await PersistAsync(batch, ct);
            await SendAsync(batch, ct);
            JobEnds.Report(batch.Effects.Transitions);
            Changes.Report(batch.Effects.Transitions);
            if (!batch.OnlyQuiet || _time.GetUtcNow() - _viewPublishedAt >= QuietViewRefresh)
            {
                // a pass that only renewed heartbeats does not rebuild the view (O(agents)) more than once a second
                PublishView();
            }

            // after the view: whoever waited for this pass's commands reads a view that holds them
            foreach (var done in batch.Completions)
            {
                done.TrySetResult();
            }

            SignalReady();
        }
    }
}
