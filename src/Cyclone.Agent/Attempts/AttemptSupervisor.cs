using Cyclone.Agent.Executors;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Hub;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Attempts;

/// <summary>
/// The attempts this agent runs. Starts leases, passes stop orders on, and when an attempt ends records
/// its outcome in the ledger, queues it for the hub, and asks for more work. Slots are counted as the
/// hub counts them: processes per node times CPUs per process.
/// </summary>
public sealed partial class AttemptSupervisor
{
    private readonly ProcessExecutor _executor;
    private readonly TypedTaskExecutor? _typed;
    private readonly Executors.Slurm.SlurmExecutor? _slurm;
    private readonly OutcomeLedger _ledger;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<AttemptSupervisor> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<AttemptId, IRunningAttempt> _running = [];
    private readonly LinkedList<QueuedLease> _queued = new();
    private readonly HashSet<AttemptId> _queuedIds = [];
    private TaskCompletionSource _idle = Completed();
    private int _usedSlots;
    private bool _draining;

    public AttemptSupervisor(
        ProcessExecutor executor, OutcomeLedger ledger, Outbox outbox, AgentOptions options, TimeProvider time, ILogger<AttemptSupervisor> logger, TypedTaskExecutor? typed = null,
        Executors.Slurm.SlurmExecutor? slurm = null)
    {
        _slurm = slurm;
        _typed = typed;
        _executor = executor;
        _ledger = ledger;
        _outbox = outbox;
        _time = time;
        _logger = logger;
        Slots = options.Slots;
        Prefetch = options.Prefetch;
    }

    /// <summary>The slots this agent offers.</summary>
    public int Slots { get; }

    /// <summary>Short tasks per slot the agent accepts beyond its free slots; they wait here and start as slots free up.</summary>
    public int Prefetch { get; }

    /// <summary>Slots not held by running attempts (negative when the hub leased more than the agent has).</summary>
    public int FreeSlots
    {
        get
        {
            lock (_lock)
            {
                return Slots - _usedSlots;
            }
        }
    }

    /// <summary>True once the agent is shutting down: leases that still arrive are handed back unstarted.</summary>
    public bool Draining
    {
        get
        {
            lock (_lock)
            {
                return _draining;
            }
        }
    }

    /// <summary>The attempts this agent holds, running or waiting for a slot (for Register and Heartbeat).</summary>
    public IReadOnlyList<AttemptRef> Running()
    {
        lock (_lock)
        {
            return _running.Keys.Concat(_queuedIds).Select(k => k.ToRef()).ToList();
        }
    }

    /// <summary>Starts each lease not already running.</summary>
    public void Start(IEnumerable<Lease> leases)
    {
        foreach (var lease in leases)
        {
            Start(lease);
        }
    }

    /// <summary>Kills the processes of an attempt on the hub's order (it then reports STOPPED); unknown attempts are ignored.</summary>
    public void Stop(AttemptRef attempt, string reason)
    {
        var id = AttemptId.Of(attempt);
        IRunningAttempt? running;
        lock (_lock)
        {
            running = _running.GetValueOrDefault(id);
        }

        if (running is null)
        {
            if (!DropQueued(id, OutcomeKind.Stopped, reason))
            {
                LogStopUnknown(id.ToString(), reason);
            }

            return;
        }

        LogStopping(id.ToString(), reason);
        running.Stop(reason);
    }

    /// <summary>
    /// Takes up the attempts a previous agent of this name left running outside this process (Slurm jobs), before the
    /// first registration reports them to the hub. Answers how many.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        if (_slurm is null)
        {
            return 0;
        }

        var recovered = await _slurm.RecoverAsync(ct);
        foreach (var attempt in recovered)
        {
            var id = AttemptId.Of(attempt.Lease);
            var slots = LeaseEnvironment.Slots(attempt.Lease);
            lock (_lock)
            {
                _running.Add(id, attempt);
                _usedSlots += slots;
                Busy();
            }

            _ = FinishAsync(id, attempt, slots);
        }

        return recovered.Count;
    }

    /// <summary>Takes no new work from now on.</summary>
    public void BeginDraining()
    {
        lock (_lock)
        {
            _draining = true;
        }
    }

    /// <summary>Kills every running attempt and gives back those waiting for a slot; each reports HANDED_BACK. Returns how many there were.</summary>
    public int HandBackAll(string reason)
    {
        List<IRunningAttempt> running;
        int queued;
        lock (_lock)
        {
            running = _running.Values.ToList();
            queued = _queued.Count;
        }

        DropQueued(null, OutcomeKind.HandedBack, reason);

        foreach (var attempt in running)
        {
            attempt.HandBack(reason);
        }

        return running.Count + queued;
    }

    /// <summary>Completes when no attempt runs or waits and every outcome is queued (at once when none does).</summary>
    public Task WhenIdle()
    {
        lock (_lock)
        {
            return _idle.Task;
        }
    }

    private static TaskCompletionSource Completed()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
