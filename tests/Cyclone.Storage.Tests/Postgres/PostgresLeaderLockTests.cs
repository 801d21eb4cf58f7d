using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cyclone.Storage.Tests.Postgres;

/// <summary>The leader lock that elects the active hub among hubs on one database, and the fence it puts on the store's writes.</summary>
[Collection(PostgresCollection.Name)]
[NeedsPostgres]
public sealed class PostgresLeaderLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly PostgresFixture _postgres;
    private readonly List<IAsyncDisposable> _open = [];
    private string _database = "";

    public PostgresLeaderLockTests(PostgresFixture postgres) => _postgres = postgres;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _database = await _postgres.Server.CreateDatabaseAsync(Ct);
        await StoreAsync(); // the schema, with the leader tables
    }

    public async Task DisposeAsync()
    {
        foreach (var open in _open)
        {
            await open.DisposeAsync();
        }

        await _postgres.Server.DropDatabaseAsync(_database, Ct);
    }

    [StoreFact]
    public async Task Only_one_hub_holds_the_lock_and_a_standby_takes_it_in_a_new_term_once_the_holder_lets_go()
    {
        var (a, b) = (Lock("a"), Lock("b"));

        Assert.Equal(1, await a.TryAcquireAsync("http://a:5080", Ct));
        Assert.Null(await b.TryAcquireAsync("http://b:5080", Ct));
        await b.ReportStandbyAsync("http://b:5080", Ct);
        Assert.Equal(("a", "http://a:5080", 1L), await b.ReadActiveAsync(Ct) is { } active ? (active.Hub, active.Url, active.Epoch) : default);
        Assert.True(await a.ConfirmAsync(1, Ct));
        Assert.Equal([("http://a:5080", true), ("http://b:5080", false)], (await b.ListHubsAsync(TimeSpan.FromMinutes(1), Ct)).Select(h => (h.Url, h.Active)));

        await a.DisposeAsync(); // the hub's process ends: its connection, and with it the lock, goes

        Assert.True(await ReleasedAsync(b), "no hub holds the lock, whatever the last record says");
        Assert.Equal(2, await b.TryAcquireAsync("http://b:5080", Ct));
        Assert.Equal("b", (await b.ReadActiveAsync(Ct))?.Hub);
        Assert.Equal("http://b:5080", Assert.Single(await b.ListHubsAsync(TimeSpan.FromMinutes(1), Ct), h => h.Active).Url);
    }

    [StoreFact]
    public async Task Confirmations_and_an_address_recorded_at_the_same_time_take_turns_on_the_lock_session_and_all_succeed()
    {
        var a = Lock("a");
        Assert.Equal(1, await a.TryAcquireAsync("http://a:5080", Ct));

        for (var round = 0; round < 20; round++)
        {
            var confirm = a.ConfirmAsync(1, Ct);
            var advertise = a.AdvertiseAsync(1, $"http://a:{6000 + round}", Ct);
            await Task.WhenAll(confirm, advertise); // one connection runs one command at a time: without turns, one of them throws
            Assert.True(await confirm);
        }

        Assert.Equal("http://a:6019", (await a.ReadActiveAsync(Ct))?.Url);
    }

    [StoreFact]
    public async Task A_hub_whose_lock_connection_the_server_ends_cannot_confirm_and_a_standby_takes_over()
    {
        var (a, b) = (Lock("a"), Lock("b"));
        Assert.Equal(1, await a.TryAcquireAsync("http://a:5080", Ct));

        await TerminateLockSessionsAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => a.ConfirmAsync(1, Ct));
        Assert.Equal(2, await b.TryAcquireAsync("http://b:5080", Ct));
    }

    [StoreFact]
    public async Task A_store_of_an_old_term_refuses_every_write_once_another_hub_began_a_term_and_stores_nothing()
    {
        var (a, b) = (Lock("a"), Lock("b"));
        var old = await StoreAsync();
        var fenced = new List<string>();
        old.Fenced += fenced.Add;
        old.FenceWith((await a.TryAcquireAsync("http://a:5080", Ct))!.Value);
        await old.SubmitAsync([Jobs.Of("in term 1", "alice", 2)], Ct);

        await TerminateLockSessionsAsync(); // the server ends hub a's lock session (hub a has not noticed yet)
        Assert.Equal(2, await b.TryAcquireAsync("http://b:5080", Ct));

        await Assert.ThrowsAsync<StoreFencedException>(() => old.SubmitAsync([Jobs.Of("after term 1", "alice", 2)], Ct));
        Assert.Contains("another hub became the active hub", Assert.Single(fenced), StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreFencedException>(() => old.SubmitAsync([Jobs.Of("refused at once", "alice", 1)], Ct));
        var current = await StoreAsync();
        current.FenceWith(2);
        Assert.Equal(["in term 1"], (await current.QueryJobsAsync(new JobQuery([], null, 0, 10), Ct)).Items.Select(j => j.Name));
        await current.SubmitAsync([Jobs.Of("in term 2", "alice", 1)], Ct);
    }

    /// <summary>
    /// Waits, up to 10 s, until no hub holds the lock. The server lets a closed connection's lock go when that
    /// connection's backend process has ended, a moment after the client closed it.
    /// </summary>
    private static async Task<bool> ReleasedAsync(PostgresLeaderLock reader)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await reader.ReadActiveAsync(Ct) is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }

        return true;
    }

    private PostgresLeaderLock Lock(string hub)
    {
        var leaderLock = new PostgresLeaderLock(_database, hub, "test", Timeout, TimeProvider.System);
        _open.Add(leaderLock);
        return leaderLock;
    }

    private async Task<PostgresStore> StoreAsync()
    {
        var store = new PostgresStore(_database, new StoreOptions { DataDirectory = Path.GetTempPath() }, NullLogger<PostgresStore>.Instance);
        await store.InitializeAsync(Ct);
        _open.Add(store);
        return store;
    }

    /// <summary>Ends the leader lock sessions on the database (waiting until they are gone), as the server does when their client's host is gone.</summary>
    private async Task TerminateLockSessionsAsync()
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = 'cyclone hub (leader lock)' AND datname = current_database();", connection);
        Assert.True((long)(await command.ExecuteScalarAsync(Ct))! > 0, "a lock session to end");
    }
}
