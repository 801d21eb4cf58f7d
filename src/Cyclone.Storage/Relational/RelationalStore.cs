using System.Data.Common;
using System.Runtime.CompilerServices;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Relational;

/// <summary>
/// What the SQLite and the PostgreSQL store share: the same tables, columns and statements, and so the same semantics.
/// A store adds its connections, its group-commit writer, how it stores a job's tasks (and gives them consecutive ids),
/// and how a statement takes a list of values. Statements name parameters <c>@name</c> and cast a parameter that may be
/// null where its type cannot be told from its use (<c>CAST(@x AS bigint)</c>).
/// </summary>
public abstract partial class RelationalStore : IStore, IAccessStore
{
    public abstract Task InitializeAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>Queues a write for the next group commit; completes once it is durable.</summary>
    private protected abstract Task<T> EnqueueAsync<T>(Func<WriteContext, T> work, CancellationToken ct);

    private protected abstract Task<DbConnection> OpenReadAsync(CancellationToken ct);

    /// <summary>SQL that is true when <paramref name="column"/> is among the values of list parameter <paramref name="parameter"/>.</summary>
    private protected abstract string In(string column, string parameter);

    /// <summary>SQL that is true when list parameter <paramref name="parameter"/> has no values.</summary>
    private protected abstract string IsEmpty(string parameter);

    /// <summary>The value of a list parameter.</summary>
    private protected abstract object ListValue<T>(IReadOnlyCollection<T> values);

    /// <summary>Stores a job's tasks (in index order, with consecutive ids) and answers their ids.</summary>
    private protected abstract List<long> InsertTasks(WriteContext c, NewJob job, long jobId);

    /// <summary>Stores dependencies as (task id, upstream task id, kind).</summary>
    private protected abstract void InsertDependencies(WriteContext c, List<(long Task, long Upstream, int Kind)> rows);

    private protected async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await foreach (var row in StreamAsync(sql, bind, read, ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    private protected async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // statements are constants of this assembly; values always go through parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return read(reader);
        }
    }

    private static void NoParameters(DbCommand command)
    {
    }
}
