using System.Text.Json.Nodes;
using Cyclone.Hub.Sinks;
using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>The MySQL sink against a real MariaDB server: bulk writes, exactly once, across a crash of the database.</summary>
public sealed class MySqlSinkTests(MariaDbFixture mariadb) : IClassFixture<MariaDbFixture>
{
    private const string Table = """
        CREATE TABLE ost_usage (
            id BIGINT AUTO_INCREMENT PRIMARY KEY,
            host VARCHAR(64) NOT NULL, ost INT NOT NULL, used_bytes BIGINT NOT NULL, ratio DOUBLE, healthy BOOLEAN,
            cyclone_task BIGINT NOT NULL, cyclone_attempt INT NOT NULL, cyclone_row INT NOT NULL,
            UNIQUE KEY cyclone_key (cyclone_task, cyclone_attempt, cyclone_row)) ENGINE=InnoDB;
        """;

    private static CancellationToken Ct => CancellationToken.None;

    private static SinkOptions Options(string connection) => new()
    {
        Kind = SinkKind.MySql, ConnectionString = connection, Table = "ost_usage",
        BatchSize = 5000, MaxBufferedItems = 20_000, FlushInterval = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>The rows of task <paramref name="task"/>: each row's used_bytes encodes the task and the row index, so each row is known exactly.</summary>
    private static JsonObject Rows(long task, int count) => new()
    {
        ["db"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["host"] = $"oss{task % 7}", ["ost"] = i, ["used_bytes"] = (task * 1_000_000) + i, ["ratio"] = i / 1000.0, ["healthy"] = i % 2 == 0,
        })]),
    };

    [ServiceFact("mariadb")]
    public async Task Hundred_thousand_rows_from_many_tasks_arrive_exactly_once_across_a_database_crash_and_a_lost_cursor()
    {
        var connection = await mariadb.Server.CreateDatabaseAsync(Ct);
        await MariaDbServer.ExecuteAsync(connection, Table, Ct);
        await using var results = await ResultStore.OpenAsync();
        var (jobId, tasks) = await results.SubmitAsync(200);
        const int perTask = 500;

        var options = Options(connection);
        await using (var run = new SinkRun("db", options, new MySqlResultSink(options), results.Store))
        {
            // the first half of the tasks complete while the database is up
            foreach (var chunk in tasks.Take(100).Chunk(10))
            {
                await results.CompleteAsync(jobId, chunk, attempt: 1, id => Rows(id, perTask));
                run.Signal.Pulse();
            }

            await Eventually.TrueAsync(() => run.Pump.Delivered >= 20_000, "some rows are written", TimeSpan.FromMinutes(2));

            // the database crashes mid-stream; the other half completes meanwhile, and it comes back
            await mariadb.Server.CrashAsync();
            foreach (var chunk in tasks.Skip(100).Chunk(10))
            {
                await results.CompleteAsync(jobId, chunk, attempt: 1, id => Rows(id, perTask));
                run.Signal.Pulse();
            }

            await mariadb.Server.ResumeAsync(Ct);
            await Eventually.TrueAsync(() => run.Pump.Delivered == 100_000, "every row is written", TimeSpan.FromMinutes(5));
        }

        await AssertExactlyOnceAsync(connection, tasks, perTask);

        // the hub crashed after a write committed but before its cursor moved: everything is written again, and adds nothing
        await results.Store.SetCursorAsync(SinkPump.CursorName("db"), "0", DateTimeOffset.UtcNow, Ct);
        await using (var again = new SinkRun("db", options, new MySqlResultSink(options), results.Store))
        {
            await Eventually.TrueAsync(() => again.Pump.Delivered == 100_000, "every row is written again", TimeSpan.FromMinutes(5));
        }

        await AssertExactlyOnceAsync(connection, tasks, perTask);
    }

    [ServiceFact("mariadb")]
    public async Task A_table_without_the_unique_key_is_refused_and_nothing_is_written_until_it_has_one()
    {
        var connection = await mariadb.Server.CreateDatabaseAsync(Ct);
        await MariaDbServer.ExecuteAsync(connection, Table.Replace(",\n    UNIQUE KEY cyclone_key (cyclone_task, cyclone_attempt, cyclone_row)", "", StringComparison.Ordinal), Ct);
        await using var results = await ResultStore.OpenAsync();
        var (jobId, tasks) = await results.SubmitAsync(3);
        await results.CompleteAsync(jobId, tasks, attempt: 1, id => Rows(id, 10));
        var sink = new MySqlResultSink(Options(connection));
        var set = new SinkSet((await results.Store.ReadResultsAsync("db", 0, 10, Ct))[0], (JsonArray)Rows(tasks[0], 10)["db"]!);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.DeliverAsync([set], Ct));
        Assert.Contains("no unique key on exactly (cyclone_task, cyclone_attempt, cyclone_row)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await MariaDbServer.ScalarAsync(connection, "SELECT count(*) FROM ost_usage;", Ct));

        await MariaDbServer.ExecuteAsync(connection, "ALTER TABLE ost_usage ADD UNIQUE KEY k (cyclone_task, cyclone_attempt, cyclone_row);", Ct);
        await new MySqlResultSink(Options(connection)).DeliverAsync([set], Ct);
        Assert.Equal(10, await MariaDbServer.ScalarAsync(connection, "SELECT count(*) FROM ost_usage;", Ct));
    }

    private static async Task AssertExactlyOnceAsync(string connection, IReadOnlyList<long> tasks, int perTask)
    {
        Assert.Equal(100_000, await MariaDbServer.ScalarAsync(connection, "SELECT count(*) FROM ost_usage;", Ct));
        Assert.Equal(100_000, await MariaDbServer.ScalarAsync(connection, "SELECT count(DISTINCT used_bytes) FROM ost_usage;", Ct));
        var expected = tasks.Sum(t => Enumerable.Range(0, perTask).Sum(i => (t * 1_000_000) + i));
        Assert.Equal(expected, await MariaDbServer.ScalarAsync(connection, "SELECT sum(used_bytes) FROM ost_usage;", Ct));
        Assert.Equal(0, await MariaDbServer.ScalarAsync(connection, "SELECT count(*) FROM ost_usage WHERE used_bytes <> cyclone_task * 1000000 + cyclone_row;", Ct));
        Assert.Equal(tasks.Count, await MariaDbServer.ScalarAsync(connection, "SELECT count(DISTINCT cyclone_task) FROM ost_usage;", Ct));
    }
}
