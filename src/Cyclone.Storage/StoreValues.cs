using System.Data.Common;
using System.Text.Json;

namespace Cyclone.Storage;

/// <summary>Conversions between CLR values and the columns both stores' schemas use (times in Unix milliseconds, lists as JSON).</summary>
internal static class StoreValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static object Ms(DateTimeOffset? at) => at is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset At(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    public static DateTimeOffset? AtOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : At(r, i);

    public static int? IntOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static string? TextOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static object Db<T>(T? value) where T : struct => value is { } v ? v : DBNull.Value;

    public static object Db(string? value) => value is null ? DBNull.Value : value;

    public static string List(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, Json);

    public static IReadOnlyList<string> List(DbDataReader r, int i) =>
        JsonSerializer.Deserialize<string[]>(r.GetString(i), Json) ?? [];

    /// <summary>
    /// Sets parameter <c>@</c><paramref name="name"/>: its value when the command has it already, else a new parameter. The name
    /// is given with its <c>@</c>, as statements write it: SQLite otherwise looks it up with each prefix in turn, for every row.
    /// </summary>
    public static TCommand With<TCommand>(this TCommand command, string name, object? value)
        where TCommand : DbCommand
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var given = parameters[i].ParameterName;
            if (given.Length == name.Length + 1 && given[0] == '@' && given.AsSpan(1).SequenceEqual(name))
            {
                parameters[i].Value = value ?? DBNull.Value;
                return command;
            }
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
        return command;
    }
}
