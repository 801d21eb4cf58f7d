using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cyclone.Storage.Sqlite;

/// <summary>
/// One prepared INSERT run for many rows on the store's write connection, inside its open transaction. SQLite keeps a
/// statement's bindings across a reset, so a value equal to the one bound for the row before is not bound again: rows
/// that differ in a few columns (an array job's elements differ only in their index) cost a few binds each instead of
/// one per column. Parameters are numbered (<c>?1</c>, <c>?2</c>, ...). Errors are the <see cref="SqliteException"/>s
/// the rest of the store sees.
/// </summary>
internal sealed class SqliteRowInserter : IDisposable
{
    // what each parameter holds now; 0 (the array's start) is "not bound yet"
    private const byte Null = 1;
    private const byte Integer = 2;
    private const byte Text = 3;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly byte[] _kinds;
    private readonly long[] _integers;
    private readonly string?[] _texts;

    public SqliteRowInserter(SqliteConnection connection, string sql, int parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the store's connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _kinds = new byte[parameters];
        _integers = new long[parameters];
        _texts = new string?[parameters];
    }

    /// <summary>Sets parameter <paramref name="parameter"/> (from 1) to an integer, or NULL.</summary>
    public void Set(int parameter, long? value)
    {
        var i = parameter - 1;
        if (value is not { } v)
        {
            SetNull(i);
            return;
        }

        if (_kinds[i] == Integer && _integers[i] == v)
        {
            return;
        }

        Check(raw.sqlite3_bind_int64(_statement, parameter, v));
        _kinds[i] = Integer;
        _integers[i] = v;
        _texts[i] = null;
    }

    /// <summary>Sets parameter <paramref name="parameter"/> (from 1) to a text, or NULL.</summary>
    public void Set(int parameter, string? value)
    {
        var i = parameter - 1;
        if (value is null)
        {
            SetNull(i);
            return;
        }

        if (_kinds[i] == Text && string.Equals(_texts[i], value, StringComparison.Ordinal))
        {
            return;
        }

        Check(raw.sqlite3_bind_text(_statement, parameter, value));
        _kinds[i] = Text;
        _texts[i] = value;
    }

    /// <summary>Inserts one row with the values set so far.</summary>
    public void Insert()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_DONE)
        {
            Check(raw.sqlite3_reset(_statement));
            return;
        }

        try
        {
            Check(rc); // the error and its message are read before the reset
            throw new InvalidOperationException($"an INSERT answered SQLite code {rc} instead of done");
        }
        finally
        {
            _ = raw.sqlite3_reset(_statement); // ready for the next row; the reset repeats the error just thrown
        }
    }

    public void Dispose() => _statement.Dispose();

    private void SetNull(int i)
    {
        if (_kinds[i] == Null)
        {
            return;
        }

        Check(raw.sqlite3_bind_null(_statement, i + 1));
        _kinds[i] = Null;
        _texts[i] = null;
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
