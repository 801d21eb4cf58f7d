using MySqlConnector;

namespace Cyclone.Hub.Sinks;

/// <summary>Checks that a sink's table exists and has its key columns under one unique key; the error says what to create.</summary>
public static class MySqlTableCheck
{
    private const string Columns = """
        SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table;
        """;

    private const string UniqueKeys = """
        SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND NON_UNIQUE = 0;
        """;

    /// <exception cref="InvalidOperationException">The table is missing, or lacks a key column or the unique key.</exception>
    public static async Task EnsureAsync(MySqlConnection connection, string table, IReadOnlyList<string> keyColumns, CancellationToken ct)
    {
        var columns = await ReadAsync(connection, Columns, table, r => r.GetString(0), ct);
        var ddl = $"ALTER TABLE `{table}` ADD COLUMN cyclone_task BIGINT NOT NULL, ADD COLUMN cyclone_attempt INT NOT NULL, "
            + "ADD COLUMN cyclone_row INT NOT NULL, ADD UNIQUE KEY cyclone_key (cyclone_task, cyclone_attempt, cyclone_row)";
        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"table '{table}' does not exist in database '{connection.Database}'; create it with your columns and: {ddl}");
        }

        var missing = keyColumns.Where(k => !columns.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"table '{table}' lacks the key column(s) {string.Join(", ", missing)}; add them: {ddl}");
        }

        var keys = await ReadAsync(connection, UniqueKeys, table, r => (Index: r.GetString(0), Column: r.GetString(1)), ct);
        var exact = keys.GroupBy(k => k.Index).Any(g => g.Select(k => k.Column).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(keyColumns));
        if (!exact)
        {
            throw new InvalidOperationException(
                $"table '{table}' has no unique key on exactly ({string.Join(", ", keyColumns)}), so a repeated write could duplicate rows; "
                + $"add it: ALTER TABLE `{table}` ADD UNIQUE KEY cyclone_key ({string.Join(", ", keyColumns)})");
        }
    }

    private static async Task<List<T>> ReadAsync<T>(MySqlConnection connection, string sql, string table, Func<MySqlDataReader, T> read, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
