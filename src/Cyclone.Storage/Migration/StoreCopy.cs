using System.Globalization;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Cyclone.Storage.Migration;

/// <summary>
/// Moves an installation from a SQLite store to an empty PostgreSQL database: every table, history included, row for row
/// with its ids, in one PostgreSQL transaction (all or nothing), then moves the id sequences past the copied ids.
/// The source is only read. Both schemas are first brought to this build's version.
/// </summary>
public static class StoreCopy
{
    /// <summary>The tables in an order that satisfies their references.</summary>
    private static readonly string[] Tables =
    [
        "users", "tokens", "audit", "agents", "jobs", "tasks", "job_task_counts", "task_deps", "attempts", "output",
        "events", "workflow_triggers", "timers", "node_kinds", "results", "cursors", "workflow_changes",
    ];

    private static readonly (string Table, string Column)[] Sequences =
        [("jobs", "id"), ("tasks", "id"), ("output", "seq"), ("events", "id"), ("timers", "id"), ("tokens", "id"), ("audit", "id"), ("results", "seq"), ("workflow_changes", "seq")];

    /// <summary>Copies everything; <paramref name="progress"/> hears a line per table and every 100,000 rows.</summary>
    /// <returns>The rows copied, by table.</returns>
    public static async Task<IReadOnlyDictionary<string, long>> CopyAsync(
        string sqliteDirectory, string postgresConnectionString, Action<string> progress, CancellationToken ct)
    {
        var file = Path.Combine(sqliteDirectory, "cyclone.db");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"there is no SQLite store at {file}");
        }

        var options = new StoreOptions { DataDirectory = sqliteDirectory };
        await using (var source = new SqliteStore(options, NullLogger<SqliteStore>.Instance))
        {
            await source.InitializeAsync(ct);
        }

        await using (var target = new PostgresStore(postgresConnectionString, options, NullLogger<PostgresStore>.Instance))
        {
            await target.InitializeAsync(ct);
        }

        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await from.OpenAsync(ct);
        await using var to = new NpgsqlConnection(postgresConnectionString);
        await to.OpenAsync(ct);
        await using var tx = await to.BeginTransactionAsync(ct);
        await ExecuteAsync(to, $"SELECT pg_advisory_xact_lock({PostgresSchema.LockKey});", ct);
        foreach (var table in Tables)
        {
            if (await CountAsync(to, table, ct) > 0)
            {
                throw new InvalidOperationException($"the PostgreSQL database is not empty (table {table} has rows); migrate into a new database");
            }
        }

        var copied = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            copied[table] = await CopyTableAsync(from, to, table, progress, ct);
            progress(string.Create(CultureInfo.InvariantCulture, $"{table}: {copied[table]:N0} rows"));
        }

        foreach (var (table, column) in Sequences)
        {
            await ExecuteAsync(to, $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce((SELECT max({column}) FROM {table}), 0) + 1, false);", ct);
        }

        await tx.CommitAsync(ct);
        return copied;
    }

    private static async Task<long> CopyTableAsync(SqliteConnection from, NpgsqlConnection to, string table, Action<string> progress, CancellationToken ct)
    {
        var columns = await ColumnsAsync(to, table, ct);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var read = from.CreateCommand();
#pragma warning disable CA2100 // table and column names come from the target's own schema
        read.CommandText = $"SELECT {names} FROM {table} ORDER BY 1;";
#pragma warning restore CA2100
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var rows = await to.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            await rows.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                await WriteAsync(rows, reader.GetValue(i), columns[i].Type, ct);
            }

            if (++count % 100_000 == 0)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"{table}: {count:N0} rows..."));
            }
        }

        await rows.CompleteAsync(ct);
        return count;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter rows, object value, string type, CancellationToken ct) =>
        value is DBNull ? rows.WriteNullAsync(ct) : type switch
        {
            "bigint" => rows.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct),
            "integer" => rows.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, ct),
            "boolean" => rows.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, ct),
            "bytea" => rows.WriteAsync(value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea, ct),
            _ => rows.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, ct),
        };

    private static async Task<List<(string Name, string Type)>> ColumnsAsync(NpgsqlConnection to, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position;",
            to);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static async Task<long> CountAsync(NpgsqlConnection to, string table, CancellationToken ct)
    {
#pragma warning disable CA2100 // the table names are constants of this class
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table};", to);
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection to, string sql, CancellationToken ct)
    {
#pragma warning disable CA2100 // statements made here from constants
        await using var command = new NpgsqlCommand(sql, to);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }
}
