using Cyclone.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cyclone.Storage.Tests.Sqlite;

public sealed class SqliteRowInserterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cyclone-inserter-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Each_row_gets_its_own_values_when_only_some_change_between_rows_including_to_and_from_null()
    {
        using var connection = OpenWith("CREATE TABLE t (a INTEGER, b TEXT, c INTEGER);");

        (long? A, string? B, long? C)[] rows = [(1, "x", 5), (2, "x", 5), (2, null, null), (3, "y", 5), (3, "y", null), (4, "y", 0)];
        using (var transaction = connection.BeginTransaction())
        using (var insert = new SqliteRowInserter(connection, "INSERT INTO t (a, b, c) VALUES (?1, ?2, ?3);", 3))
        {
            foreach (var (a, b, c) in rows)
            {
                insert.Set(1, a);
                insert.Set(2, b);
                insert.Set(3, c);
                insert.Insert();
            }

            transaction.Commit();
        }

        var read = new List<(long?, string?, long?)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT a, b, c FROM t ORDER BY rowid;";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                read.Add((reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
            }
        }

        Assert.Equal(rows, read);
    }

    [Fact]
    public void A_constraint_violation_is_the_stores_usual_sqlite_error_and_the_inserter_goes_on()
    {
        using var connection = OpenWith("CREATE TABLE t (a INTEGER PRIMARY KEY);");

        using var insert = new SqliteRowInserter(connection, "INSERT INTO t (a) VALUES (?1);", 1);
        insert.Set(1, 7);
        insert.Insert();

        var error = Assert.Throws<SqliteException>(insert.Insert);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        insert.Set(1, 8);
        insert.Insert();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT group_concat(a) FROM t;";
        Assert.Equal("7,8", count.ExecuteScalar());
    }

    /// <summary>A new database file in this test's directory, open, with <paramref name="schema"/> run on it.</summary>
    private SqliteConnection OpenWith(string schema)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.FullName, "rows.db")};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = schema;
        create.ExecuteNonQuery();
        return connection;
    }
}
