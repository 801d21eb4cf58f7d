using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cyclone.Storage;

/// <summary>
/// Which store to use, as <c>--store</c> and <c>Hub:Store</c> name it: <c>sqlite:PATH</c> or a plain PATH (the SQLite store's data
/// directory), or <c>postgres://user:password@host:port/database</c> or an Npgsql connection string (<c>Host=...;Database=...</c>).
/// </summary>
public sealed class StoreAddress
{
    private StoreAddress(string? sqliteDirectory, string? postgres)
    {
        SqliteDirectory = sqliteDirectory;
        PostgresConnectionString = postgres;
    }

    /// <summary>The SQLite store's data directory (full path), or null for PostgreSQL.</summary>
    public string? SqliteDirectory { get; }

    /// <summary>The PostgreSQL store's Npgsql connection string, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Where the store is, for messages: never a password.</summary>
    public string Display => SqliteDirectory is { } dir
        ? $"sqlite:{dir}"
        : new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString) is var b ? $"postgres://{b.Host}:{b.Port}/{b.Database}" : "";

    /// <summary>The SQLite store in <paramref name="directory"/>.</summary>
    public static StoreAddress Sqlite(string directory) => new(Path.GetFullPath(directory), null);

    /// <exception cref="FormatException">The value names no store; the message says why, and never repeats a password.</exception>
    public static StoreAddress Parse(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("is empty: give sqlite:PATH, a path, postgres://user:password@host:port/database or an Npgsql connection string");
        }

        if (PostgresAddress.IsUrl(trimmed) || trimmed.Contains("host=", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreAddress(null, PostgresAddress.ToConnectionString(trimmed));
        }

        var path = trimmed.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? trimmed["sqlite:".Length..] : trimmed;
        if (path.Length == 0)
        {
            throw new FormatException("sqlite: needs the path of the data directory (sqlite:/var/lib/cyclone)");
        }

        if (path.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException($"names an unknown kind of store '{path[..path.IndexOf(':', StringComparison.Ordinal)]}://'; use sqlite:PATH or postgres://");
        }

        try
        {
            path = Path.GetFullPath(path);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"is not a usable path ({ex.Message})", ex);
        }

        // the path of the database file itself names its directory
        return new StoreAddress(Path.GetFileName(path) == "cyclone.db" && File.Exists(path) ? Path.GetDirectoryName(path)! : path, null);
    }

    /// <summary>Makes the store (not yet initialized). A SQLite store keeps its file in <see cref="SqliteDirectory"/>.</summary>
    public RelationalStore Create(StoreOptions options, ILoggerFactory loggers)
    {
        if (SqliteDirectory is { } dir)
        {
            options.DataDirectory = dir;
            return new SqliteStore(options, loggers.CreateLogger<SqliteStore>());
        }

        return new PostgresStore(PostgresConnectionString!, options, loggers.CreateLogger<PostgresStore>());
    }
}
