using System.Data.Common;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;
using Cyclone.Storage.Writes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cyclone.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL server. Like the SQLite store, all writes go through one writer loop that groups whatever
/// is queued into a shared transaction (group commit) and answers only after the server committed it (with the server's
/// default <c>synchronous_commit = on</c>). Each write transaction holds an advisory lock, so several stores on one
/// database write one at a time and a job's tasks get consecutive ids. Reads use pooled connections and never wait.
/// A lost connection fails the writes that were in flight (nothing unconfirmed is acknowledged); the next write reconnects.
/// </summary>
public sealed partial class PostgresStore : RelationalStore
{
    private readonly StoreOptions _options;
    private readonly ILogger<PostgresStore> _logger;
    private readonly NpgsqlDataSource _source;
    private readonly GroupCommit<WriteContext> _group;
    private readonly string _where;
    private NpgsqlConnection? _writer;

    /// <summary>A store on the database <paramref name="connectionString"/> names (<see cref="PostgresAddress.ToConnectionString"/> turns a URL into one).</summary>
    public PostgresStore(string connectionString, StoreOptions options, ILogger<PostgresStore> logger)
    {
        _options = options;
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        _where = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        _group = new GroupCommit<WriteContext>(
            options.MaxBatch, Commit, Translate, LogBatchFailed, LogWriteFailed, retryAlone: error => Translate(error) is not IOException);
    }

    /// <summary>Where the store is (host, port and database; never the password).</summary>
    public string Where => _where;

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = await _source.OpenConnectionAsync(ct))
        {
            await PostgresSchema.MigrateAsync(connection, _where, ct);
        }

        _group.Start();
        LogOpened(_where, PostgresSchema.Version);
    }

    public override async ValueTask DisposeAsync()
    {
        await _group.StopAsync();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        await _source.DisposeAsync();
    }

    private protected override Task<T> EnqueueAsync<T>(Func<WriteContext, T> work, CancellationToken ct) =>
        _group.EnqueueAsync(work, nameof(PostgresStore), ct);

    private protected override async Task<DbConnection> OpenReadAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);

    private protected override string In(string column, string parameter) => $"{column} = ANY(@{parameter})";

    private protected override string IsEmpty(string parameter) => $"cardinality(@{parameter}) = 0";

    private protected override object ListValue<T>(IReadOnlyCollection<T> values) => values.ToArray();

    /// <summary>
    /// The task's state before an update comes from the database, in the same statement, never from the caller: a write
    /// retried after a lost connection whose commit did happen must not count the task's move between states twice.
    /// </summary>
    private protected override string? UpdateTaskReturningPrevious { get; } =
        "WITH previous AS (SELECT state FROM tasks WHERE id = @id) " + UpdateTaskStatement.TrimEnd().TrimEnd(';') + " RETURNING (SELECT state FROM previous);";

    [LoggerMessage(1, LogLevel.Information, "Store {Where} open (schema version {Version})")]
    private partial void LogOpened(string where, int version);

    [LoggerMessage(2, LogLevel.Warning, "A group commit of {Count} writes failed ({Error}); retrying each alone")]
    private partial void LogBatchFailed(int count, string error);

    [LoggerMessage(3, LogLevel.Error, "A store write failed")]
    private partial void LogWriteFailed(Exception error);

    [LoggerMessage(4, LogLevel.Warning, "The connection to the store {Where} is lost; writes fail until it is back")]
    private partial void LogConnectionLost(string where);
}
