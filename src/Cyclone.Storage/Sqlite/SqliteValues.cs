using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cyclone.Storage.Sqlite;

/// <summary>Conversions between CLR values and the columns the schema uses.</summary>
internal static class SqliteValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static object Ms(DateTimeOffset? at) => at is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset At(SqliteDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    public static DateTimeOffset? AtOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : At(r, i);

    public static int? IntOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static string? TextOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static object Db<T>(T? value) where T : struct => value is { } v ? v : DBNull.Value;

    public static object Db(string? value) => value is null ? DBNull.Value : value;

    public static string List(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, Json);

    public static IReadOnlyList<string> List(SqliteDataReader r, int i) =>
        JsonSerializer.Deserialize<string[]>(r.GetString(i), Json) ?? [];

    /// <summary>Sets parameter <paramref name="name"/>: its value when the command has it already, else a new parameter.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].ParameterName == name)
            {
                parameters[i].Value = value ?? DBNull.Value;
                return command;
            }
        }

        parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
