using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Body = Cyclone.Protocol.Agent.HubMessage.BodyOneofCase;

namespace Cyclone.Hub.Tests.Scheduling;

/// <summary>The scheduler over a PostgreSQL store whose server goes away: nothing is handed out that is not durable.</summary>
public sealed class PostgresOutageTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task While_the_database_is_down_no_lease_goes_out_and_once_it_is_back_the_task_is_leased_and_recorded()
    {
        if (PostgresServer.Missing is { } missing && !PostgresServer.Required)
        {
            await Console.Error.WriteLineAsync($"SKIPPED (passes without running): {missing}");
            return;
        }

        await using var server = await PostgresServer.StartAsync(Ct);
        var database = await server.CreateDatabaseAsync(Ct);
        var log = new PersistFailures();
        await using var hub = await LoopFixture.StartAsync(
            store: () => new PostgresStore(database, new StoreOptions(), NullLogger<PostgresStore>.Instance), logger: log);
        var job = await hub.SubmitAsync("echo");

        await server.CrashAsync(Ct);
        var agent = hub.Connect("a", slots: 2);
        await AgentInbox.EventuallyAsync(() => Task.FromResult(log.Count > 0), "the loop to fail to persist");
        Assert.True(agent.HasNo(Body.Welcome) && agent.HasNo(Body.Leases), "nothing may be sent before it is durable");

        await server.ResumeAsync(Ct);
        await AgentInbox.EventuallyAsync(
            () =>
            {
                hub.Time.Advance(TimeSpan.FromSeconds(5)); // the loop retries on its own clock
                return Task.FromResult(agent.Outbound.Count > 0);
            },
            "the loop to persist and send once the database is back");
        var lease = Assert.Single((await agent.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(job.TaskIds[0], lease.TaskId);
        Assert.Equal(TaskState.Running, (await hub.Store.GetTaskStatesAsync([lease.TaskId], Ct))[lease.TaskId]);
    }

    /// <summary>Counts the loop's "could not make scheduler changes durable" errors.</summary>
    private sealed class PersistFailures : ILogger<SchedulerLoop>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 8)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
