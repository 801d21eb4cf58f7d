using Npgsql;

namespace Cyclone.Storage.Postgres;

/// <summary>Turns <c>postgres://user:pass@host:port/db?key=value</c> (or an Npgsql connection string) into an Npgsql connection string.</summary>
public static class PostgresAddress
{
    /// <summary>Whether <paramref name="value"/> names a PostgreSQL store: a postgres:// or postgresql:// URL.</summary>
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">The value is neither a valid URL nor a valid connection string.</exception>
    public static string ToConnectionString(string value)
    {
        if (!IsUrl(value))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(value).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"is not a postgres:// URL nor a valid Npgsql connection string ({ex.Message})", ex);
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException("is a postgres:// URL without a host: postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"is a postgres:// URL with an unknown setting '{kv[0]}' ({ex.Message})", ex);
            }
        }

        return builder.ConnectionString;
    }
}
