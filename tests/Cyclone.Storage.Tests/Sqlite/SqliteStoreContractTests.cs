using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Cyclone.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Storage.Tests.Sqlite;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override IStore Create(StoreOptions options)
    {
        options.DataDirectory = Directory;
        return new SqliteStore(options, NullLogger<SqliteStore>.Instance);
    }

    [Fact]
    public async Task The_database_is_in_wal_mode_with_full_sync()
    {
        var store = (SqliteStore)await OpenAsync();

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_error()
    {
        var store = await OpenAsync();
        store = await ReopenAsync(store);
        var path = ((SqliteStore)store).DatabasePath;
        await store.DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var newer = Create(Options);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
        await newer.DisposeAsync();
    }
}
