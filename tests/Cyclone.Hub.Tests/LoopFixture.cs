using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Hub.Agents;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Hub.Tests;

/// <summary>A scheduler loop over a real SQLite store in a temp directory (or another store), with agents as in-process connections.</summary>
internal sealed class LoopFixture : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Func<IStore>? _store;
    private readonly ILogger<SchedulerLoop> _logger;

    private LoopFixture(string dir, FakeTimeProvider time, Func<IStore>? store, ILogger<SchedulerLoop>? logger)
    {
        _dir = dir;
        Time = time;
        _store = store;
        _logger = logger ?? NullLogger<SchedulerLoop>.Instance;
    }

    public FakeTimeProvider Time { get; }

    public IStore Store { get; private set; } = null!;

    public SchedulerLoop Loop { get; private set; } = null!;

    public static HubOptions Options { get; } = new()
    {
        LeaseTimeout = TimeSpan.FromSeconds(10),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        TickInterval = TimeSpan.FromHours(1), // ticks are posted by the tests
    };

    /// <param name="dir">The SQLite store's directory (a new temporary one by default).</param>
    /// <param name="time">The loop's clock.</param>
    /// <param name="store">Makes another store than SQLite in <paramref name="dir"/> (not yet initialized).</param>
    /// <param name="logger">The loop's logger.</param>
    public static async Task<LoopFixture> StartAsync(
        string? dir = null, FakeTimeProvider? time = null, Func<IStore>? store = null, ILogger<SchedulerLoop>? logger = null)
    {
        var fixture = new LoopFixture(
            dir ?? Directory.CreateTempSubdirectory("cyclone-hub-test-").FullName, time ?? new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)),
            store, logger);
        await fixture.OpenAsync();
        return fixture;
    }

    /// <summary>Stops the loop and the store without telling agents anything, as a crash would, and starts both again.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await OpenAsync();
    }

    public AgentConnection Connect(string name, int slots, params RunningPart[] running) => Connect(name, slots, running, []);

    /// <summary>Connects an agent that reports attempts still running and outcomes the hub has not acknowledged.</summary>
    public AgentConnection Connect(string name, int slots, IEnumerable<RunningPart> running, IEnumerable<Outcome> finished)
    {
        var register = new Register { Name = name, Host = "host-" + name, Slots = slots, Cores = slots, MemoryBytes = 1L << 34 };
        register.Running.AddRange(running.Select(r => new AttemptRef { TaskId = r.TaskId, Attempt = r.Attempt, NodeIndex = r.NodeIndex }));
        register.Finished.AddRange(finished);
        var connection = new AgentConnection(register, "test", Time.GetUtcNow());
        Loop.Post(new ConnectCommand(connection, register));
        return connection;
    }

    public async Task<SubmittedJob> SubmitAsync(string command = "true", int nodes = 1, int retries = 0)
    {
        var payload = new TaskPayload { Command = [command] };
        var task = new NewTask(0, command, NodeDemand.OneSlot, nodes, 0, retries, null, payload);
        return await Loop.SubmitAsync(new NewJob(command, "tester", "{}", Time.GetUtcNow(), [task]), CancellationToken.None);
    }

    public void Post(SchedulerCommand command) => Loop.Post(command);

    /// <summary>Returns once every command posted before it has been handled, persisted and sent.</summary>
    public async Task SyncAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Loop.Post(new CancelCommand([], "sync", done));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static OutcomesCommand Outcome(AgentConnection connection, long taskId, int attempt, int exitCode, long seq, int node = 0)
    {
        var batch = new OutcomeBatch();
        batch.Outcomes.Add(new Outcome
        {
            Attempt = new AttemptRef { TaskId = taskId, Attempt = attempt, NodeIndex = node },
            Kind = OutcomeKind.Exited,
            ExitCode = exitCode,
            Seq = seq,
        });
        return new OutcomesCommand(connection, batch);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task OpenAsync()
    {
        Store = _store?.Invoke() ?? new SqliteStore(new StoreOptions { DataDirectory = _dir }, NullLogger<SqliteStore>.Instance);
        await Store.InitializeAsync(CancellationToken.None);
        Loop = new SchedulerLoop(Store, Microsoft.Extensions.Options.Options.Create(Options), Time, _logger);
        await Loop.StartAsync(CancellationToken.None);
        await Loop.Ready;
    }

    private async Task StopAsync()
    {
        await Loop.StopAsync(CancellationToken.None);
        Loop.Dispose();
        await Store.DisposeAsync();
    }
}
