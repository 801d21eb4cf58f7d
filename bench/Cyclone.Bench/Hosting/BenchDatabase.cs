using Npgsql;

namespace Cyclone.Bench.Hosting;

/// <summary>A new, empty PostgreSQL database for one hub of a run (on the server <c>--store</c> names), dropped afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchDatabase(string server, string name, string url)
    {
        _server = server;
        Name = name;
        Url = url;
    }

    public string Name { get; }

    /// <summary>The hub's <c>--store</c> value.</summary>
    public string Url { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverUrl, CancellationToken ct)
    {
        var uri = new Uri(serverUrl);
        var name = $"cyclone_bench_{Guid.NewGuid():N}";
        var server = Connection(uri, uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres");
        await ExecuteAsync(server, $"CREATE DATABASE {name};", ct);
        return new BenchDatabase(server, name, new UriBuilder(uri) { Path = "/" + name }.Uri.AbsoluteUri);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", CancellationToken.None);

    private static string Connection(Uri uri, string database)
    {
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = database,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length == 2 ? Uri.UnescapeDataString(user[1]) : null,
            Pooling = false,
        }.ConnectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
#pragma warning disable CA2100 // the database name is made here
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }
}
