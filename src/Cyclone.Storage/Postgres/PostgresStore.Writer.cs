using System.Data;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;
using Npgsql;

namespace Cyclone.Storage.Postgres;

public sealed partial class PostgresStore
{
    private static readonly string LockWrites = $"SELECT pg_advisory_xact_lock({PostgresSchema.LockKey});";

    /// <summary>
    /// Runs a batch in one transaction that holds the write lock (and, for an active hub, checks its term under it), and commits it;
    /// reconnects first when the connection was lost.
    /// </summary>
    private void Commit(IReadOnlyList<StoreWrite<WriteContext>> batch)
    {
        if (_refusal is { } refusal)
        {
            throw RefusedWrite(refusal);
        }

        var connection = _writer ??= _source.OpenConnection();
        try
        {
            using var tx = connection.BeginTransaction();
            using (var context = new WriteContext(connection, tx, _options))
            {
                context.Command(LockWrites).ExecuteNonQuery();
                CheckTerm(context);
                foreach (var write in batch)
                {
                    write.Execute(context);
                }
            }

            tx.Commit();
        }
        catch (Exception) when (connection.FullState != ConnectionState.Open)
        {
            // whether the commit reached the server is unknown: the callers are told it failed, the next batch reconnects
            LogConnectionLost(_where);
            _writer = null;
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A lost or refused connection becomes an <see cref="IOException"/> that names the store.</summary>
    private Exception Translate(Exception error) =>
        error is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException
            ? new IOException($"the store {_where} cannot be reached ({error.Message}); the write was not acknowledged", error)
            : error;
}
