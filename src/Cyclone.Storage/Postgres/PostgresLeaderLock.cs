using Cyclone.Storage.Contract;
using Npgsql;

namespace Cyclone.Storage.Postgres;

/// <summary>
/// The leader lock on PostgreSQL: a session-level advisory lock (<c>pg_try_advisory_lock</c>) held on a dedicated, unpooled
/// connection. The server frees it the moment that connection ends: when the hub's process dies its socket closes, and when
/// its host vanishes the server's TCP keepalives (set on this session to about <c>timeout</c>) end the session. Taking the
/// lock begins a new term in <c>cyclone_leader</c> under the store's write lock, which fences writers of the old term out.
/// Hubs report themselves in <c>cyclone_hubs</c>. The calls that use the dedicated connection take turns on it (the election's
/// confirmations and the hub's start, which advertises its address, run at the same time, and a connection runs one command at
/// a time); <see cref="ReadActiveAsync"/> and <see cref="ListHubsAsync"/> use pooled connections.
/// </summary>
public sealed partial class PostgresLeaderLock : ILeaderLock
{
    private static readonly long LockHigh = PostgresSchema.LeaderKey >> 32;
    private static readonly long LockLow = PostgresSchema.LeaderKey & 0xffffffffL;

    private readonly NpgsqlConnectionStringBuilder _dedicated;
    private readonly NpgsqlDataSource _reads;
    private readonly string _hub;
    private readonly string _version;
    private readonly DateTimeOffset _startedAt;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _session = new(1, 1);
    private NpgsqlConnection? _connection;
    private int _disposed;

    /// <param name="connectionString">The store's Npgsql connection string.</param>
    /// <param name="hub">This hub's id among the hubs of the store (unique per process).</param>
    /// <param name="version">This hub's version, for the list of hubs.</param>
    /// <param name="timeout">How long connecting may take, and about how long the server takes to notice that this hub's host is gone.</param>
    /// <param name="time">The clock for the times recorded.</param>
    public PostgresLeaderLock(string connectionString, string hub, string version, TimeSpan timeout, TimeProvider time)
    {
        _hub = hub;
        _version = version;
        _time = time;
        _timeout = timeout;
        _startedAt = time.GetUtcNow();
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        _dedicated = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = seconds,
            CancellationTimeout = -1, // a cancelled call breaks the connection at once rather than wait for the server
            ApplicationName = "cyclone hub (leader lock)",
        };
        var reads = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 4, Timeout = seconds, ApplicationName = "cyclone hub (hubs)" };
        _reads = NpgsqlDataSource.Create(reads.ConnectionString);
    }

    public Task<long?> TryAcquireAsync(string url, CancellationToken ct) => InTurnAsync(() => TryAcquireInTurnAsync(url, ct), ct);

    public Task<bool> ConfirmAsync(long epoch, CancellationToken ct) => InTurnAsync(() => ConfirmInTurnAsync(epoch, ct), ct);

    public Task AdvertiseAsync(long epoch, string url, CancellationToken ct) => InTurnAsync(
        () => ScalarAsync(
            _connection ?? throw new InvalidOperationException("the leader lock is not held"), null,
            "UPDATE cyclone_leader SET url = @url WHERE id = 1 AND epoch = @epoch; UPDATE cyclone_hubs SET url = @url WHERE hub = @hub;", ct,
            ("url", url), ("epoch", epoch), ("hub", _hub)),
        ct);

    public Task ReportStandbyAsync(string url, CancellationToken ct) => InTurnAsync(
        async () =>
        {
            var connection = await ConnectAsync(ct);
            try
            {
                return await ReportAsync(connection, null, url, active: false, Now(), ct);
            }
            catch
            {
                await DropAsync();
                throw;
            }
        },
        ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await InTurnAsync(async () => { await DropAsync(); return true; }, CancellationToken.None);

        await _reads.DisposeAsync();
        _session.Dispose();
    }

    private async Task<long?> TryAcquireInTurnAsync(string url, CancellationToken ct)
    {
        var connection = await ConnectAsync(ct);
        try
        {
            if (!(bool)(await ScalarAsync(connection, null, "SELECT pg_try_advisory_lock(@key);", ct, ("key", PostgresSchema.LeaderKey)))!)
            {
                return null;
            }

            var now = Now();
            await using var tx = await connection.BeginTransactionAsync(ct);
            await ScalarAsync(connection, tx, $"SELECT pg_advisory_xact_lock({PostgresSchema.LockKey});", ct);
            var epoch = (long)(await ScalarAsync(
                connection, tx, "UPDATE cyclone_leader SET epoch = epoch + 1, hub = @hub, url = @url, pid = pg_backend_pid(), since = @now WHERE id = 1 RETURNING epoch;",
                ct, ("hub", _hub), ("url", url), ("now", now)))!;
            await ScalarAsync(connection, tx, "UPDATE cyclone_hubs SET active = false WHERE hub <> @hub; DELETE FROM cyclone_hubs WHERE last_seen < @old;", ct,
                ("hub", _hub), ("old", now - (long)TimeSpan.FromDays(1).TotalMilliseconds));
            await ReportAsync(connection, tx, url, active: true, now, ct);
            await tx.CommitAsync(ct);
            return epoch;
        }
        catch
        {
            await DropAsync(); // never keep the lock without the term that goes with it
            throw;
        }
    }

    private async Task<bool> ConfirmInTurnAsync(long epoch, CancellationToken ct)
    {
        var connection = _connection ?? throw new InvalidOperationException("the leader lock is not held");
        try
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT l.epoch, EXISTS (SELECT 1 FROM pg_locks k WHERE k.pid = pg_backend_pid() AND k.locktype = 'advisory' AND k.granted
                                        AND k.classid::bigint = @high AND k.objid::bigint = @low AND k.objsubid = 1)
                FROM cyclone_leader l WHERE l.id = 1;
                """, connection);
            command.Parameters.AddWithValue("high", LockHigh);
            command.Parameters.AddWithValue("low", LockLow);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct) || reader.GetInt64(0) != epoch || !reader.GetBoolean(1))
                {
                    return false;
                }
            }

            await ScalarAsync(connection, null, "UPDATE cyclone_hubs SET last_seen = @now WHERE hub = @hub;", ct, ("now", Now()), ("hub", _hub));
            return true;
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="call"/> alone on the dedicated connection, which runs one command at a time.</summary>
    private async Task<T> InTurnAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        await _session.WaitAsync(ct);
        try
        {
            return await call();
        }
        finally
        {
            _session.Release();
        }
    }

    /// <summary>The dedicated connection, opened (with the server's keepalives for this session) when there is none.</summary>
    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken ct)
    {
        if (_connection is { } open)
        {
            return open;
        }

        var connection = new NpgsqlConnection(_dedicated.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            var idle = Math.Max(1, (int)Math.Ceiling(_timeout.TotalSeconds / 2));
            await ScalarAsync(connection, null, $"SET tcp_keepalives_idle = {idle}; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = {idle}; SET tcp_user_timeout = {(int)_timeout.TotalMilliseconds};", ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    /// <summary>Closes the dedicated connection, which frees the lock if it was held.</summary>
    private async Task DropAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private Task<object?> ReportAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string url, bool active, long now, CancellationToken ct) =>
        ScalarAsync(
            connection, tx,
            """
            INSERT INTO cyclone_hubs (hub, url, active, version, started_at, last_seen) VALUES (@hub, @url, @active, @version, @started, @now)
            ON CONFLICT (hub) DO UPDATE SET url = excluded.url, active = excluded.active, last_seen = excluded.last_seen;
            """,
            ct, ("hub", _hub), ("url", url), ("active", active), ("version", _version), ("started", _startedAt.ToUnixTimeMilliseconds()), ("now", now));

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
#pragma warning disable CA2100 // statements are constants of this class; values go through parameters
        await using var command = new NpgsqlCommand(sql, connection, tx);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(ct);
    }
}
