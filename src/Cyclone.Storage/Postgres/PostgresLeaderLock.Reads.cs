using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Postgres;

public sealed partial class PostgresLeaderLock
{
    public async Task<ActiveHubRecord?> ReadActiveAsync(CancellationToken ct)
    {
        await using var command = _reads.CreateCommand(
            """
            SELECT l.hub, l.url, l.since, l.epoch FROM cyclone_leader l
            WHERE l.id = 1 AND l.pid IS NOT NULL AND EXISTS (
                SELECT 1 FROM pg_locks k WHERE k.pid = l.pid AND k.locktype = 'advisory' AND k.granted AND k.classid::bigint = @high
                AND k.objid::bigint = @low AND k.objsubid = 1 AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database()));
            """);
        command.Parameters.AddWithValue("high", LockHigh);
        command.Parameters.AddWithValue("low", LockLow);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ActiveHubRecord(
            reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt64(3));
    }

    public async Task<IReadOnlyList<HubPresenceRecord>> ListHubsAsync(TimeSpan within, CancellationToken ct)
    {
        await using var command = _reads.CreateCommand(
            "SELECT hub, url, active, version, started_at, last_seen FROM cyclone_hubs WHERE last_seen >= @since ORDER BY active DESC, url, hub;");
        command.Parameters.AddWithValue("since", Now() - (long)within.TotalMilliseconds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hubs = new List<HubPresenceRecord>();
        while (await reader.ReadAsync(ct))
        {
            hubs.Add(new HubPresenceRecord(
                reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return hubs;
    }
}
