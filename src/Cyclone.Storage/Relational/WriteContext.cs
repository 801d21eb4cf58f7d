using System.Data.Common;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Relational;

/// <summary>
/// The open transaction of one group commit. Commands are made once per transaction and reused,
/// so a batch of thousands of similar writes parses (or prepares) each statement once.
/// </summary>
internal sealed class WriteContext : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDisposable> _reused = new(StringComparer.Ordinal);

    public WriteContext(DbConnection connection, DbTransaction transaction, StoreOptions options)
    {
        Connection = connection;
        Transaction = transaction;
        Options = options;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public StoreOptions Options { get; }

    /// <summary>
    /// The command for <paramref name="sql"/>. Its parameters stay from the last use: every caller of a statement sets
    /// all of them (<see cref="StoreValues.With"/> then only changes their values), so nothing is allocated per row.
    /// </summary>
    public DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.Transaction = Transaction;
#pragma warning disable CA2100 // statements are constants of this assembly; values always go through parameters
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>What <paramref name="create"/> makes, once per transaction for <paramref name="key"/>; disposed with it.</summary>
    public T Reuse<T>(string key, Func<T> create) where T : class, IDisposable
    {
        if (!_reused.TryGetValue(key, out var item))
        {
            item = create();
            _reused.Add(key, item);
        }

        return (T)item;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var item in _reused.Values)
        {
            item.Dispose();
        }

        _commands.Clear();
        _reused.Clear();
    }
}
