using System.Data.Common;
using System.Text.Json;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cyclone.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is on disk
/// before it is acknowledged. All writes go through one writer loop that groups whatever is queued into
/// a shared transaction (group commit); reads use their own pooled connections and never wait for it.
/// </summary>
public sealed partial class SqliteStore : RelationalStore
{
    private readonly StoreOptions _options;
    private readonly ILogger<SqliteStore> _logger;
    private readonly GroupCommit<WriteContext> _group;
    private readonly string _path;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private SqliteConnection? _writer;

    public SqliteStore(StoreOptions options, ILogger<SqliteStore> logger)
    {
        _options = options;
        _logger = logger;
        _path = Path.GetFullPath(Path.Combine(options.DataDirectory, "cyclone.db"));
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = true,
        }.ToString();
        _group = new GroupCommit<WriteContext>(options.MaxBatch, Commit, Translate, LogBatchFailed, LogWriteFailed);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _path;

    public override async Task InitializeAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var writer = new SqliteConnection(_writeConnectionString);
        await writer.OpenAsync(ct);
        using (var pragmas = writer.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536;";
            await pragmas.ExecuteNonQueryAsync(ct);
        }

        SqliteSchema.Migrate(writer, _path);
        _writer = writer;
        _group.Start();
        LogOpened(_path, SqliteSchema.Version);
    }

    public override async ValueTask DisposeAsync()
    {
        await _group.StopAsync();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    private protected override async Task<DbConnection> OpenReadAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private protected override Task<T> EnqueueAsync<T>(Func<WriteContext, T> work, CancellationToken ct) =>
        _group.EnqueueAsync(work, nameof(SqliteStore), ct);

    private protected override string In(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    private protected override string IsEmpty(string parameter) => $"NOT EXISTS (SELECT 1 FROM json_each(@{parameter}))";

    private protected override object ListValue<T>(IReadOnlyCollection<T> values) => JsonSerializer.Serialize(values, StoreValues.Json);

    [LoggerMessage(1, LogLevel.Information, "Store {Path} open (schema version {Version}, WAL, synchronous=FULL)")]
    private partial void LogOpened(string path, int version);

    [LoggerMessage(2, LogLevel.Warning, "A group commit of {Count} writes failed ({Error}); retrying each alone")]
    private partial void LogBatchFailed(int count, string error);

    [LoggerMessage(3, LogLevel.Error, "A store write failed")]
    private partial void LogWriteFailed(Exception error);
}
