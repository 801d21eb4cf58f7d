using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MySqlConnector;

namespace Cyclone.Hub.Sinks;

/// <summary>
/// Writes rows into a MySQL or MariaDB table with multi-row <c>INSERT IGNORE</c> statements, a whole batch in one
/// transaction. Each row also gets its key: <c>cyclone_task</c>, <c>cyclone_attempt</c> and <c>cyclone_row</c> (its index
/// in its result set), which the table must hold as a unique key: a batch written again after a commit whose outcome
/// was lost adds nothing. A row that cannot be a table row (a nested value, a bad column name) is skipped and counted.
/// </summary>
public sealed class MySqlResultSink(SinkOptions options) : IResultSink
{
    /// <summary>The key columns every row gets.</summary>
    public static readonly string[] KeyColumns = ["cyclone_task", "cyclone_attempt", "cyclone_row"];

    /// <summary>Most parameters in one statement (the protocol's limit is 65,535).</summary>
    private const int MaxParameters = 30_000;

    private const int MaxRowsPerStatement = 1000;

    private readonly string _table = options.Table ?? throw new ArgumentException("a MySql sink needs a table", nameof(options));
    private bool _tableChecked;

    /// <summary>Rows skipped because they cannot be table rows.</summary>
    public long Skipped { get; private set; }

    public async Task DeliverAsync(IReadOnlyList<SinkSet> sets, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        if (!_tableChecked)
        {
            await MySqlTableCheck.EnsureAsync(connection, _table, KeyColumns, ct);
            _tableChecked = true;
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var group in Rows(sets).GroupBy(r => r.Signature, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            var columns = rows[0].Row.Select(p => p.Key).ToList();
            var perStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / (columns.Count + KeyColumns.Length)));
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await InsertAsync(connection, transaction, columns, chunk, ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private async Task InsertAsync(MySqlConnection connection, MySqlTransaction transaction, List<string> columns, KeyedRow[] rows, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT IGNORE INTO `").Append(_table).Append("` (");
        sql.AppendJoin(", ", KeyColumns.Concat(columns).Select(c => $"`{c}`")).Append(") VALUES ");
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var p = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            var row = rows[r];
            object?[] values = [row.TaskId, row.Attempt, row.Index, .. columns.Select(c => Value(row.Row[c]))];
            for (var v = 0; v < values.Length; v++)
            {
                var parameter = $"@p{p++}";
                sql.Append(v == 0 ? "" : ", ").Append(parameter);
                command.Parameters.AddWithValue(parameter, values[v] ?? DBNull.Value);
            }

            sql.Append(')');
        }

#pragma warning disable CA2100 // table and column names are checked names (letters, digits, _); values are parameters
        command.CommandText = sql.Append(';').ToString();
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    private IEnumerable<KeyedRow> Rows(IReadOnlyList<SinkSet> sets)
    {
        foreach (var set in sets)
        {
            for (var i = 0; i < set.Items.Count; i++)
            {
                if (set.Items[i] is JsonObject row && IsTableRow(row))
                {
                    var signature = string.Join(',', row.Select(p => p.Key));
                    yield return new KeyedRow(set.Record.TaskId, set.Record.Attempt, i, row, signature);
                }
                else
                {
                    Skipped++;
                }
            }
        }
    }

    private static bool IsTableRow(JsonObject row) =>
        row.Count > 0 && row.All(p => Tasks.SinkNames.IsName(p.Key) && !KeyColumns.Contains(p.Key, StringComparer.OrdinalIgnoreCase) && p.Value is null or JsonValue);

    private static object? Value(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => null,
        };
    }

    /// <summary>A JSON number as the narrowest exact type: a long, else a decimal, else a double.</summary>
    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record KeyedRow(long TaskId, int Attempt, int Index, JsonObject Row, string Signature);
}
